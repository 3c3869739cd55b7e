// The shape Bolt assumes of a request body before any listener runs (it reads `event.channel.id`,
// `user.id`, `authorizations[0].team_id` … without checks, so a signed but malformed body would
// throw inside Bolt and become a 500 that Slack retries). Checked here first: a body that fails is
// answered 400 and never reaches Bolt, the dedupe table or a listener.

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** When present (not undefined, nor null if `nullable`), the field must be one of the given kinds. */
function fieldProblem(body: Json, key: string, kinds: Array<'string' | 'object'>, nullable = false): string | undefined {
  const value = body[key];
  if (value === undefined || (nullable && value === null)) return undefined;
  const ok = kinds.some((k) => (k === 'object' ? isObject(value) : typeof value === k));
  return ok ? undefined : `${key} is not ${kinds.join(' or ')}`;
}

/** Body types Bolt routes to action, options, shortcut and view listeners (it reads `user.id` of all). */
const INTERACTIVE_TYPES = new Set(['block_suggestion', 'dialog_submission', 'shortcut', 'message_action', 'view_submission', 'view_closed']);

/** Why the body cannot be a Slack request Bolt can route, or undefined when its envelope is sound. */
export function envelopeProblem(body: unknown): string | undefined {
  if (!isObject(body)) return 'the body is not an object';
  if (body.event !== undefined) {
    const event = body.event;
    if (!isObject(event) || typeof event.type !== 'string') return 'event is not an object with a type';
    const problem =
      fieldProblem(event, 'channel', ['string', 'object']) ??
      fieldProblem(event, 'item', ['object']) ??
      fieldProblem(event, 'user', ['string', 'object']) ??
      fieldProblem(event, 'subteam', ['object']);
    if (problem) return `event.${problem}`;
    const auths = body.authorizations;
    if (auths !== undefined && (!Array.isArray(auths) || auths.some((a) => !isObject(a)))) return 'authorizations is not a list of objects';
    return undefined;
  }
  if (body.command !== undefined) return undefined; // slash commands are flat forms of strings
  const interactive = body.name !== undefined || body.actions !== undefined || (typeof body.type === 'string' && INTERACTIVE_TYPES.has(body.type));
  if (!interactive) return undefined; // Bolt finds no type and calls no listener
  if (!isObject(body.user)) return 'user is not an object';
  const problem =
    fieldProblem(body, 'team', ['object'], true) ?? fieldProblem(body, 'enterprise', ['object'], true) ?? fieldProblem(body, 'channel', ['object']);
  if (problem) return problem;
  if ((body.type === 'view_submission' || body.type === 'view_closed') && !isObject(body.view)) return 'view is not an object';
  return undefined;
}

// "/clause5 prompt add | list | show | pause | resume | retire": custom leadership prompts (answer:
// corrections.ts; answers: read-back.ts).
import type { Actor, CommandSpec } from '../commands/types';
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import { message, note, type Block } from '../model';
import { parseRecordNumber } from '../people/access';
import { siteByName } from '../people/lookup';
import { recordedBySpans } from '../people/recorded-by';
import { resolvePerson } from '../people/resolve';
import { describeCadence, describePeriod } from './cadence';
import { definitionFor } from './answer';
import { answerCommand } from './corrections';
import { answersCommand } from './read-back';
import type { Audience, CustomPrompt, PromptStatus } from './definition';
import { ADD_USAGE, parseAdd, type AudienceRequest } from './parse-add';
import { audienceOf } from './schedule';

const GROUP = 'Leadership prompts';

async function resolveAudience(deps: CoreDeps, actor: Actor, request: AudienceRequest): Promise<Audience> {
  if (request.kind === 'leaders') return request;
  if (request.kind === 'site') return { kind: 'site', siteId: (await siteByName(deps, actor.org.id, request.name)).id };
  const people = await Promise.all(request.handles.map((h) => resolvePerson(deps, actor.org.id, h)));
  return { kind: 'people', personIds: [...new Set(people.map((p) => p.id))] };
}

async function describeAudience(deps: CoreDeps, prompt: CustomPrompt): Promise<string> {
  const { audience } = prompt;
  if (audience.kind === 'leaders') return 'all leaders';
  if (audience.kind === 'site') return `leaders of ${(await deps.store.sites.get(prompt.orgId, audience.siteId))?.name ?? `site ${audience.siteId}`}`;
  const people = await Promise.all(audience.personIds.map((id) => deps.store.people.get(prompt.orgId, id)));
  return people.map((p) => p?.displayName ?? 'someone removed').join(', ');
}

async function summaryBlocks(deps: CoreDeps, prompt: CustomPrompt, asked: number): Promise<Block[]> {
  return [
    { type: 'text', text: [{ bold: `Prompt ${prompt.id}` }, ` (${prompt.status}): `, prompt.question] },
    {
      type: 'facts',
      facts: [
        { label: 'When', value: [describeCadence(prompt.cadence)] },
        { label: 'Who', value: [`${await describeAudience(deps, prompt)} (${asked} ${asked === 1 ? 'person' : 'people'} now)`] },
        { label: prompt.checklist.length ? 'Checklist' : 'Answers', value: [(prompt.checklist.length ? prompt.checklist : prompt.answers).join(' · ')] },
        { label: 'Clauses', value: [prompt.clauses.join(', ') || 'none'] },
        { label: 'Scorecard', value: [prompt.weight === null ? 'its own line, not in the index' : `its own line, weight ${prompt.weight} in the index`] },
      ],
    },
  ];
}

const add: CommandSpec = {
  path: ['prompt', 'add'],
  usage: ADD_USAGE,
  summary: 'define a recurring leadership question (customer review, risk review, …)',
  group: GROUP,
  access: 'manager',
  async run({ actor, deps, args }) {
    const request = parseAdd(args.takeTokens());
    const audience = await resolveAudience(deps, actor, request.audience);
    const draft = { orgId: actor.org.id, ...request, audience, createdBy: actor.person.id, status: 'active' as const, id: 0, createdAt: 0 };
    const asked = await audienceOf(deps, draft);
    if (asked.length === 0) {
      throw new UserError('Audience: nobody would be asked — there are no leaders there yet. Add leaders first, or name people with “for @name”.');
    }
    const prompt = await deps.store.customPrompts.create({ ...request, orgId: actor.org.id, audience, createdBy: actor.person.id });
    return { message: message(`Prompt ${prompt.id} added`, [{ type: 'text', text: ['Added. '] }, ...(await summaryBlocks(deps, prompt, asked.length))]) };
  },
};

const list: CommandSpec = {
  path: ['prompt', 'list'],
  usage: 'prompt list [all]',
  summary: 'the custom leadership prompts (all: retired ones too)',
  group: GROUP,
  access: 'manager',
  async run({ actor, deps, args }) {
    const includeRetired = args.flag('all');
    args.done('prompt list [all]');
    const prompts = await deps.store.customPrompts.list(actor.org.id, { includeRetired });
    if (!prompts.length) return { message: note('No custom prompts yet. Add one with /clause5 ', { bold: 'prompt add' }, ' — see /clause5 help.') };
    const items = prompts.map((p) => [{ bold: `${p.id}` }, ` ${p.question} — ${describeCadence(p.cadence)}${p.status === 'active' ? '' : ` (${p.status})`}`]);
    return { message: message(`${prompts.length} custom prompts`, [{ type: 'list', items }]) };
  },
};

const show: CommandSpec = {
  path: ['prompt', 'show'],
  usage: 'prompt show <id>',
  summary: 'a prompt, and its answers by period',
  group: GROUP,
  access: 'manager',
  async run({ actor, deps, args }) {
    const prompt = await definitionFor(deps, actor, parseRecordNumber(args.required('Which prompt? Usage: prompt show <id>'), 'a prompt', 'prompt list'));
    args.done('prompt show <id>');
    const answers = await deps.store.customPrompts.answers(actor.org.id, prompt.id, 30);
    const names = new Map<string, string>();
    for (const a of answers)
      if (!names.has(a.personId)) names.set(a.personId, (await deps.store.people.get(actor.org.id, a.personId))?.displayName ?? a.personId);
    const items = answers.map((a) => [
      `${describePeriod(a.periodKey)} — ${names.get(a.personId)}: `,
      { bold: a.answer },
      `${a.note ? ` — “${a.note}”` : ''} (${new Date(a.answeredAt).toISOString().slice(0, 10)})`,
      ...recordedBySpans(a.answeredBy, a.personId),
      ` · #${a.promptId}`,
    ]);
    const blocks = await summaryBlocks(deps, prompt, (await audienceOf(deps, prompt)).length);
    blocks.push(answers.length ? { type: 'list', items } : { type: 'context', text: ['No answers yet.'] });
    return { message: message(`Prompt ${prompt.id}`, blocks) };
  },
};

function statusCommand(verb: 'pause' | 'resume' | 'retire', status: PromptStatus, summary: string): CommandSpec {
  const usage = `prompt ${verb} <id>`;
  return {
    path: ['prompt', verb],
    usage,
    summary,
    group: GROUP,
    access: 'manager',
    async run({ actor, deps, args }) {
      const prompt = await definitionFor(deps, actor, parseRecordNumber(args.required(`Which prompt? Usage: ${usage}`), 'a prompt', 'prompt list'));
      args.done(usage);
      if (prompt.status === 'retired') throw new UserError(`Prompt ${prompt.id} is retired; its answers are kept. Add a new prompt instead.`);
      if (prompt.status === status) return { message: note(`Prompt ${prompt.id} is already ${status}.`) };
      await deps.store.customPrompts.setStatus(actor.org.id, prompt.id, status, actor.person.id);
      const after =
        status === 'retired'
          ? 'No more questions; its answers stay on record.'
          : status === 'paused'
            ? 'No questions until you resume it.'
            : 'Questions resume from the next period.';
      return { message: note(`Prompt ${prompt.id} is ${status}. ${after}`) };
    },
  };
}

export const promptCommands: CommandSpec[] = [
  add,
  list,
  show,
  statusCommand('pause', 'paused', 'stop asking a prompt for now'),
  statusCommand('resume', 'active', 'ask a paused prompt again'),
  statusCommand('retire', 'retired', 'stop a prompt for good (its answers stay on record)'),
  answerCommand,
  answersCommand,
];

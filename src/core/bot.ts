// The core's single entry for every platform: commands typed as "/clause5 …", button presses
// and form submissions. Platforms parse their payloads into these calls and render the
// Reply; they hold no business logic.
import type { CoreDeps } from './deps';
import { isUserError } from './errors';
import { note, type Block, type FormValues, type Reply } from './model';
import type { Person, PersonProfile, PlatformName } from './people/types';
import { mayClaimFirstAdmin } from './people/installer';
import { zoneOf } from './people/zone';
import type { MessageRef } from './ports';
import { soleSiteId } from './people/sole-site';
import { localDateOf } from './time';
import { safeProfile, safeText, safeValues } from './safe-text';
import { Args } from './commands/args';
import { tokenize, type Token } from './commands/tokenize';
import type { Access, ActionSpec, Actor, CommandSpec, CoreModule, FormSpec } from './commands/types';
import { helpReply } from './commands/help';
import { commandAllowed, guestRefusal, interactionAllowed, mostOpen, roleWords, whoMay } from './commands/permission';

/** Who is acting, as a platform knows it. */
export interface InboundActor {
  orgId: string;
  platform: PlatformName;
  /** Used the first time the organisation is seen. */
  orgName?: string;
  personId: string;
  /** Called only when the person is new to Clause5. */
  profile?: () => Promise<PersonProfile | undefined>;
  /**
   * The person id of whoever installed Clause5 in this organisation, where the platform knows it
   * (Slack OAuth). Called only when a new person arrives in an organisation without an admin.
   */
  installer?: () => Promise<string | undefined>;
  /**
   * The platform says this person belongs to another workspace than the organisation's (a Slack
   * Connect user): they are stored as a guest, never made admin, and kept to what guests may do.
   */
  guest?: boolean;
}

export class Bot {
  private readonly commands: CommandSpec[];
  private readonly actions = new Map<string, ActionSpec>();
  private readonly forms = new Map<string, FormSpec>();

  constructor(
    readonly deps: CoreDeps,
    readonly modules: CoreModule[],
  ) {
    this.commands = modules.flatMap((m) => m.commands ?? []);
    for (const m of modules) {
      for (const a of m.actions ?? []) this.actions.set(a.id, a);
      for (const f of m.forms ?? []) this.forms.set(f.id, f);
    }
  }

  /** Every command, for help, manifests and the drift test. */
  listCommands(): readonly CommandSpec[] {
    return this.commands;
  }

  listActionIds(): string[] {
    return [...this.actions.keys()];
  }

  listFormIds(): string[] {
    return [...this.forms.keys()];
  }

  /** Handles "/clause5 <text>" (text without the '/clause5' prefix; the prefix is tolerated). */
  async handleCommand(inbound: InboundActor, text: string): Promise<Reply> {
    return this.guard(async () => {
      const actor = await this.resolveActor(inbound);
      const tokens = tokenize(safeText(text).replace(/^\s*\/?clause5\b/i, ''));
      const words = tokens.map((t) => (t.quoted ? '' : t.text.toLowerCase()));
      if (words.length === 0 || words[0] === 'help' || words[0] === '?') {
        return helpReply(this.commands, actor, words.slice(1).join(' '));
      }
      const spec = this.match(words);
      if (!spec) return this.groupHelp(actor, tokens, words);
      if (!commandAllowed(spec, actor)) this.refuse(spec.access, actor, `/clause5 ${spec.path.join(' ')}`);
      return spec.run({ actor, deps: this.deps, args: new Args(tokens.slice(spec.path.length)) });
    });
  }

  /** `pressed`: the message the button was on, when the platform knows it (see ActionContext). */
  async handleAction(inbound: InboundActor, actionId: string, value: string, pressed?: MessageRef): Promise<Reply> {
    return this.guard(async () => {
      const spec = this.actions.get(actionId);
      if (!spec) return { message: note('That button is no longer supported. Type /clause5 help for what you can do.') };
      const actor = await this.resolveActor(inbound);
      if (!interactionAllowed(spec.access, actor)) this.refuse(spec.access, actor, 'that button');
      return spec.run({ actor, deps: this.deps, value: safeText(value), ...(pressed ? { pressed } : {}) });
    });
  }

  async handleFormSubmit(inbound: InboundActor, formId: string, values: FormValues, state: string): Promise<Reply> {
    return this.guard(async () => {
      const spec = this.forms.get(formId);
      if (!spec) return { message: note('That form is no longer supported. Type /clause5 help for what you can do.') };
      const actor = await this.resolveActor(inbound);
      if (!interactionAllowed(spec.access, actor)) this.refuse(spec.access, actor, 'that form');
      return spec.submit({ actor, deps: this.deps, values: safeValues(values), state });
    }, true);
  }

  /**
   * Stores the organisation and person on first sight; see people/installer.ts for who becomes
   * admin. Someone the platform names a guest is stored (or marked) as one, never as admin.
   */
  async resolveActor(inbound: InboundActor): Promise<Actor> {
    const { store, clock, settings } = this.deps;
    const org =
      (await store.orgs.get(inbound.orgId)) ??
      (await store.orgs.ensure({ id: inbound.orgId, platform: inbound.platform, name: safeText(inbound.orgName ?? inbound.orgId) }));
    let person: Person | undefined = await store.people.get(org.id, inbound.personId);
    const guest = inbound.guest === true;
    if (!person) {
      const profile = safeProfile(
        inbound.profile ? await inbound.profile() : await this.deps.platform.lookupPerson?.(org.id, inbound.personId).catch(() => undefined),
      );
      const zone = profile?.timeZone ?? settings.defaultTimeZone;
      const claimAdmin = !guest && (await mayClaimFirstAdmin(this.deps, org.id, inbound.personId, inbound.installer));
      person = await store.people.arrive(
        {
          id: inbound.personId,
          orgId: org.id,
          displayName: profile?.displayName ?? inbound.personId.split(':').pop()!,
          handle: profile?.handle ?? null,
          timeZone: profile?.timeZone ?? null,
          role: 'member',
          siteId: guest ? null : await soleSiteId(this.deps, org.id),
          joinedOn: localDateOf(clock.now(), zone),
          guest,
        },
        claimAdmin,
      );
    } else if (guest && !person.guest) {
      person = await store.people.update(org.id, person.id, { guest: true }, null);
    }
    return { org, person, zone: await zoneOf(this.deps, person) };
  }

  private match(words: string[]): CommandSpec | undefined {
    let best: CommandSpec | undefined;
    for (const spec of this.commands) {
      const fits = spec.path.every((w, i) => words[i] === w);
      if (fits && (!best || spec.path.length > best.path.length)) best = spec;
    }
    return best;
  }

  /**
   * No command matched. When the first words begin some commands' paths ("meeting", "admin site",
   * "meeting frob"), that group's help — saying first that the longer phrase isn't a command;
   * otherwise "I don't know the command".
   */
  private groupHelp(actor: Actor, tokens: Token[], words: string[]): Reply {
    const begins = (c: CommandSpec, n: number) => c.path.length > n && words.slice(0, n).every((w, i) => c.path[i] === w);
    let depth = 0;
    while (depth < words.length && this.commands.some((c) => begins(c, depth + 1))) depth++;
    if (depth === 0) {
      return { message: note(`I don't know the command “${tokens[0]!.text}”. Type `, { bold: '/clause5 help' }, ' to see them all.') };
    }
    const group = words.slice(0, depth).join(' ');
    const members = this.commands.filter((c) => begins(c, depth));
    if (!members.some((c) => commandAllowed(c, actor))) {
      this.refuse(mostOpen(members.map((c) => c.access)), actor, `the /clause5 ${group} commands`);
    }
    const help = helpReply(this.commands, actor, group);
    if (depth === words.length || !help.message) return help;
    const typed = tokens
      .slice(0, depth + 1)
      .map((t) => t.text)
      .join(' ');
    const intro: Block = { type: 'text', text: ['“', typed, `” isn't a command; here are the `, { bold: group }, ' commands:'] };
    return { ...help, message: { ...help.message, blocks: [intro, ...help.message.blocks] } };
  }

  private refuse(access: Access | undefined, actor: Actor, what: string): never {
    if (actor.person.guest) throw new PermissionError(guestRefusal(actor));
    const hint = access === 'leader' ? ' Type /clause5 help for what you can do.' : '';
    throw new PermissionError(`Only ${whoMay(access)} can use ${what}. Your role is ${roleWords(actor.person.role)}.${hint}`);
  }

  private async guard(work: () => Promise<Reply>, isForm = false): Promise<Reply> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof PermissionError) return { message: note(error.message) };
      if (isUserError(error)) {
        if (isForm && error.field) return { formErrors: { [error.field]: error.message } };
        return { message: note(error.message) };
      }
      this.deps.log.error({ err: error }, 'command failed');
      return { message: note('Sorry, something went wrong on our side. Please try again; if it keeps happening, tell your Clause5 admin.') };
    }
  }
}

class PermissionError extends Error {}

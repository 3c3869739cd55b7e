// Local mode's chat, without the terminal: feed it a line, get the lines to print. The readline
// wrapper (terminal.ts) and the tests both drive it through `input`. Everything the bot sends
// (LocalPlatform) is printed as it arrives; during an input it joins that input's output in order,
// otherwise it goes to the async listener (the terminal prints it above the prompt).
import type { Bot, InboundActor } from '../../core/bot';
import type { MovableClock } from '../../core/clock';
import type { Attachment, Message, Reply } from '../../core/model';
import type { Store } from '../../core/ports';
import { localDateOf } from '../../core/time';
import { buttonsOf, renderMessage, sanitize, type TextRenderOptions } from '../text-render';
import { checkMove, formatInstant, parseClockTarget, walkClock } from './clock-move';
import { FormSession, type FormOrigin } from './form-session';
import type { LocalMessage, LocalPlatform } from './platform';
import { describePerson, PeopleDirectory } from './directory';
import { LOCAL_HELP, renderDelivered, renderMessageList, renderPeople, saveAttachment } from './views';

export interface LocalChatOptions {
  bot: Bot;
  store: Store;
  local: LocalPlatform;
  clock: MovableClock;
  /** One scheduler pass and send at an instant (used while /clock walks forward). */
  tick(now: number): Promise<unknown>;
  /** Sends whatever is due now (after each command, so a posted win shows at once). */
  drain?(now: number): Promise<unknown>;
  orgId?: string;
  /** Person to act as first (default: the first admin). */
  personId?: string;
  /** Where attachments (scorecard CSV) are saved; printed inline only when absent. */
  attachmentsDir?: string;
  /** Called after the clock moved (local mode remembers the offset). */
  onClockMoved?(): Promise<void>;
  onQuit?(): void;
  /** Print messages the moment they arrive, also during a long /clock move (the terminal does). */
  streamArrivals?: boolean;
  /** Whether /clock may move time (not when the process also serves real Slack or Teams users). */
  canMoveClock?: boolean;
}

export class LocalChat {
  readonly orgId: string;
  private personId = '';
  private zone = 'UTC';
  private readonly people: PeopleDirectory;
  private collecting: string[] | undefined;
  private asyncListener: ((lines: string[]) => void) | undefined;
  /** Replies only their person saw (r1, r2 …), kept so that their buttons can be pressed. */
  private readonly replies = new Map<string, { message: Message; personId: string }>();
  private form: FormSession | undefined;
  private readonly unsubscribe: Array<() => void> = [];
  private closed = false;
  /** Until start() has listed what was sent earlier, arrivals are left to that list. */
  private started = false;
  /** 'mine': print only the current person's DMs and channel posts as they arrive. */
  private show: 'all' | 'mine' = 'all';
  private hidden = 0;
  private printed = 0;

  constructor(private readonly options: LocalChatOptions) {
    this.orgId = options.orgId ?? 'local';
    this.people = new PeopleDirectory(options.store, this.orgId);
    this.unsubscribe.push(
      options.local.onMessage((m) => this.arrived(m, false)),
      options.local.onUpdate((m) => this.arrived(m, true)),
    );
  }

  /** Picks the person to act as and returns the greeting. */
  async start(): Promise<string[]> {
    await this.people.refresh();
    const people = await this.options.store.people.list(this.orgId);
    const chosen = people.find((p) => p.id === this.options.personId) ?? people.find((p) => p.role === 'admin') ?? people[0];
    await this.switchTo(chosen?.id ?? `${this.orgId}:admin`);
    const me = await this.people.get(this.personId);
    const lines: string[] = [];
    const earlier = this.options.local.all().filter((m) => m.orgId === this.orgId);
    this.started = true;
    if (earlier.length) lines.push('Sent before you joined:', ...this.list(earlier, ''));
    lines.push(
      `You are ${me ? describePerson(me) : this.personId}. Type /help for the local commands, or a Clause5 command such as “help” or “meeting list”.`,
      `Simulated time: ${formatInstant(this.options.clock.now(), this.zone)}.`,
    );
    return lines;
  }

  /** Output that arrives outside an input (the background scheduler) goes here. */
  onAsyncOutput(listener: (lines: string[]) => void): void {
    this.asyncListener = listener;
  }

  prompt(): string {
    if (this.form) return this.form.prompt();
    return `${this.personId.split(':').pop() || 'you'}> `;
  }

  get actingAs(): string {
    return this.personId;
  }

  close(): void {
    this.closed = true;
    for (const off of this.unsubscribe.splice(0)) off();
  }

  /** Handles one typed line; resolves to the lines to print (including messages that arrived meanwhile). */
  async input(line: string): Promise<string[]> {
    const out: string[] = [];
    const previous = this.collecting;
    this.collecting = out;
    try {
      await this.people.refresh();
      await this.dispatch(line.trim(), out);
    } catch (error) {
      out.push(`Something went wrong: ${sanitize(error instanceof Error ? error.message : String(error))}`);
    } finally {
      this.collecting = previous;
    }
    return out;
  }

  private async dispatch(line: string, out: string[]): Promise<void> {
    if (this.form) return this.formInput(line, out);
    if (line === '') return;
    const [word = '', ...rest] = line.split(/\s+/);
    const arg = rest.join(' ');
    switch (word.toLowerCase()) {
      case '/help':
        out.push(...LOCAL_HELP);
        return;
      case '/quit':
      case '/exit':
        out.push('Bye.');
        this.options.onQuit?.();
        return;
      case '/as':
        return this.actAs(arg, out);
      case '/people':
        return this.listPeople(out);
      case '/inbox':
        return this.inbox(arg, out);
      case '/channel':
        return this.channel(arg, out);
      case '/channels':
        return this.channels(out);
      case '/clock':
        return this.clockCommand(arg, out);
      case '/clause5':
        return this.command(arg, out);
      case '/show':
        return this.showCommand(arg, out);
    }
    const press = /^(r?\d+)\.(\d+)$/i.exec(line);
    if (press) return this.press(press[1]!.toLowerCase(), Number(press[2]), out);
    if (word.startsWith('/')) {
      out.push(`I don't know “${sanitize(word)}”. Type /help for the local commands, or /clause5 help for Clause5's.`);
      return;
    }
    return this.command(line, out);
  }

  private inbound(): InboundActor {
    return { orgId: this.orgId, platform: 'local', personId: this.personId };
  }

  private async command(text: string, out: string[]): Promise<void> {
    const reply = await this.options.bot.handleCommand(this.inbound(), text);
    await this.applyReply(reply, {}, out);
  }

  private async press(ref: string, n: number, out: string[]): Promise<void> {
    let message: Message | undefined;
    let origin: FormOrigin;
    if (ref.startsWith('r')) {
      const reply = this.replies.get(ref);
      origin = { replyId: ref };
      if (!reply) return void out.push(`There is no reply ${ref}.`);
      if (reply.personId !== this.personId) {
        return void out.push(`${ref} was a reply to ${sanitize(this.people.name(reply.personId) ?? reply.personId)}; only they can press its buttons.`);
      }
      message = reply.message;
    } else {
      const found = this.options.local.find(Number(ref));
      if (!found || found.orgId !== this.orgId) return void out.push(`There is no message #${ref}.`);
      if (!found.to.startsWith('#') && found.to !== this.personId) {
        const owner = this.people.name(found.to) ?? found.to;
        const handle = (await this.people.get(found.to))?.handle;
        return void out.push(`#${ref} was sent to ${sanitize(owner)}. Switch with /as ${handle ? `@${handle}` : found.to} to answer it.`);
      }
      message = found.message;
      origin = { seq: found.seq };
    }
    const buttons = buttonsOf(message);
    const button = buttons[n - 1];
    if (!button) {
      const has =
        buttons.length === 0 ? 'has no buttons' : buttons.length === 1 ? `has one button, ${ref}.1` : `has buttons ${ref}.1 to ${ref}.${buttons.length}`;
      return void out.push(`${ref.startsWith('r') ? ref : `#${ref}`} ${has}.`);
    }
    out.push(`(you pressed “${sanitize(button.label)}”)`);
    const pressed = origin.seq === undefined ? undefined : String(origin.seq);
    const reply = await this.options.bot.handleAction(this.inbound(), button.action, button.value, pressed);
    await this.applyReply(reply, origin, out);
  }

  private async applyReply(reply: Reply, origin: FormOrigin, out: string[]): Promise<void> {
    if (reply.replaceOriginal) await this.replace(origin, reply.replaceOriginal, out);
    if (reply.message) this.showReply(reply.message, out);
    if (reply.formErrors && !reply.openForm) {
      for (const [field, error] of Object.entries(reply.formErrors)) out.push(`${sanitize(field)}: ${sanitize(error)}`);
    }
    if (reply.openForm) {
      this.form = new FormSession(reply.openForm, origin, {
        resolvePerson: (ref) => this.people.resolve(ref).then((p) => p?.id),
        today: localDateOf(this.options.clock.now(), this.zone),
        render: this.renderOptions(),
      });
      out.push(...this.form.introduction(), ...this.form.question());
    }
    await this.drain();
  }

  private async replace(origin: FormOrigin, message: Message, out: string[]): Promise<void> {
    if (origin.seq !== undefined) {
      // The platform's update event prints it.
      await this.options.local.updateMessage(this.orgId, String(origin.seq), message);
    } else if (origin.replyId) {
      this.replies.set(origin.replyId, { message, personId: this.personId });
      out.push(`${origin.replyId} (updated)`, ...this.render(message, origin.replyId).map((l) => `  ${l}`));
    }
  }

  private showReply(message: Message, out: string[]): void {
    const hasButtons = buttonsOf(message).length > 0;
    if (!hasButtons) {
      out.push(...this.render(message));
      return;
    }
    const id = `r${this.replies.size + 1}`;
    this.replies.set(id, { message, personId: this.personId });
    out.push(...this.render(message, id));
  }

  private async formInput(line: string, out: string[]): Promise<void> {
    const form = this.form!;
    if (line === '/cancel') {
      this.form = undefined;
      out.push(`Cancelled “${sanitize(form.form.title)}”. Nothing was saved.`);
      return;
    }
    if (line === '/quit' || line === '/exit') {
      this.form = undefined;
      return this.dispatch(line, out);
    }
    if (/^\/[a-z]/i.test(line)) {
      out.push(`You are filling in “${sanitize(form.form.title)}”: answer the question, or type /cancel to stop.`, ...form.question());
      return;
    }
    const error = await form.answer(line);
    if (error) {
      out.push(error, ...form.question());
      return;
    }
    if (!form.done) {
      out.push(...form.question());
      return;
    }
    const reply = await this.options.bot.handleFormSubmit(this.inbound(), form.form.id, form.values, form.form.state);
    if (reply.formErrors && Object.keys(reply.formErrors).length > 0) {
      const errors = reply.formErrors;
      for (const [field, message] of Object.entries(errors)) {
        const label = form.form.fields.find((f) => f.id === field)?.label ?? field;
        out.push(`${sanitize(label)}: ${sanitize(message)}`);
      }
      if (form.reask(errors)) {
        out.push('Please answer again:', ...form.question());
        return;
      }
      this.form = undefined;
      out.push('The form could not be saved.');
      return;
    }
    this.form = undefined;
    await this.applyReply(reply, form.origin, out);
  }

  private async actAs(arg: string, out: string[]): Promise<void> {
    if (!arg) return void out.push('Whom? e.g. /as @maria (/people lists everyone).');
    const person = await this.people.resolve(arg);
    if (!person) return void out.push(`I don't know anyone called “${sanitize(arg)}” here. Type /people to see the handles.`);
    await this.switchTo(person.id);
    out.push(`You are now ${describePerson(person)}.`);
  }

  private async listPeople(out: string[]): Promise<void> {
    const { store } = this.options;
    const [people, sites, teams] = await Promise.all([store.people.list(this.orgId), store.sites.list(this.orgId), store.teams.list(this.orgId)]);
    out.push(...renderPeople(people, sites, teams, this.personId));
  }

  private async inbox(arg: string, out: string[]): Promise<void> {
    const person = arg ? await this.people.resolve(arg) : await this.people.get(this.personId);
    if (!person) return void out.push(`I don't know anyone called “${sanitize(arg)}” here. Type /people to see the handles.`);
    const messages = this.options.local.inbox(person.id).filter((m) => m.orgId === this.orgId);
    out.push(...this.list(messages, `${sanitize(person.displayName)} has no messages yet.`));
  }

  private channel(arg: string, out: string[]): void {
    const name = arg.trim().replace(/^#/, '');
    if (!name) {
      this.channels(out);
      return;
    }
    const posts = this.options.local.inbox(`#${name}`).filter((m) => m.orgId === this.orgId);
    out.push(...this.list(posts, `Nothing has been posted in #${sanitize(name)} yet.`));
  }

  private channels(out: string[]): void {
    const seen = [
      ...new Set(
        this.options.local
          .all()
          .filter((m) => m.orgId === this.orgId && m.to.startsWith('#'))
          .map((m) => m.to),
      ),
    ];
    out.push(seen.length ? `Channels with posts: ${seen.map(sanitize).join(', ')}` : 'Nothing has been posted in any channel yet.');
  }

  private list(messages: LocalMessage[], empty: string): string[] {
    return renderMessageList(messages, empty, this.zone, this.renderOptions());
  }

  private async clockCommand(arg: string, out: string[]): Promise<void> {
    const { clock } = this.options;
    if (!arg) {
      out.push(`Simulated time: ${formatInstant(clock.now(), this.zone)} (${new Date(clock.now()).toISOString()}).`);
      out.push('Move it forward with /clock +30m, +2h, +3d, +1w or /clock 2026-12-01T08:00 (your time zone).');
      return;
    }
    if (this.options.canMoveClock === false) {
      return void out.push('The clock can only be moved in local mode; this process also serves Slack or Teams, where time is real.');
    }
    const target = parseClockTarget(arg, clock.now(), this.zone);
    if ('error' in target) return void out.push(target.error);
    const problem = checkMove(clock.now(), target.at, this.zone);
    if (problem) return void out.push(problem);
    this.hidden = 0;
    this.printed = 0;
    await walkClock(
      clock,
      target.at,
      (now) => this.options.tick(now),
      () => this.closed,
    );
    if (this.closed) return void out.push(`Stopped the clock at ${formatInstant(clock.now(), this.zone)}.`);
    await this.options.onClockMoved?.();
    const arrived = this.printed;
    const hidden = this.hidden;
    this.hidden = 0;
    const others = hidden ? ` (and ${hidden} to others: /inbox @handle or /show all)` : '';
    out.push(
      `Clock moved to ${formatInstant(clock.now(), this.zone)}; ${arrived === 0 ? 'no messages on the way' : `${arrived} message${arrived === 1 ? '' : 's'} on the way`}${others}.`,
    );
  }

  private showCommand(arg: string, out: string[]): void {
    const choice = arg.trim().toLowerCase();
    if (choice !== 'all' && choice !== 'mine')
      return void out.push('Use /show all (every message as it arrives) or /show mine (only yours and channel posts).');
    this.show = choice;
    out.push(choice === 'all' ? 'Showing every message as it arrives.' : 'Showing only your messages and channel posts; others are counted.');
  }

  private arrived(m: LocalMessage, updated: boolean): void {
    if (this.closed || !this.started || m.orgId !== this.orgId) return;
    if (this.show === 'mine' && !m.to.startsWith('#') && m.to !== this.personId) {
      if (!updated) this.hidden++;
      return;
    }
    const lines = renderDelivered(m, this.zone, this.renderOptions(), updated);
    if (!updated) this.printed++;
    if (!this.collecting) {
      this.asyncListener?.(lines);
      return;
    }
    this.collecting.push(...lines);
    // Streaming: print what this input produced so far now, in order, rather than at its end.
    if (this.options.streamArrivals) this.asyncListener?.(this.collecting.splice(0));
  }

  private async drain(): Promise<void> {
    await this.options.drain?.(this.options.clock.now());
  }

  private render(message: Message, buttonPrefix?: string): string[] {
    return renderMessage(message, { ...this.renderOptions(), ...(buttonPrefix ? { buttonPrefix } : {}) });
  }

  private renderOptions(): TextRenderOptions {
    const dir = this.options.attachmentsDir;
    return {
      names: (id) => this.people.name(id),
      ...(dir ? { saveAttachment: (a: Attachment) => saveAttachment(dir, a) } : {}),
    };
  }

  private async switchTo(personId: string): Promise<void> {
    const actor = await this.options.bot.resolveActor({ orgId: this.orgId, platform: 'local', personId });
    this.personId = actor.person.id;
    this.zone = actor.zone;
    this.people.remember(actor.person);
  }
}

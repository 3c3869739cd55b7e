// How areas of the core plug into the shared command grammar, buttons, forms and the scheduler.
import type { DeliveryComposer, DeliveryJob, TriggerSource } from '../deliveries';
import type { CoreDeps } from '../deps';
import type { FormValues, Reply } from '../model';
import type { Org, Person } from '../people/types';
import type { MessageRef } from '../ports';
import type { Args } from './args';

/** The person acting, resolved and stored, with the time zone their dates are read in. */
export interface Actor {
  org: Org;
  person: Person;
  zone: string;
}

/**
 * anyone; leader = anyone but a member (leaders, quality managers, admins); manager = quality
 * manager or admin; admin = admin only.
 */
export type Access = 'anyone' | 'leader' | 'manager' | 'admin';

export interface CommandContext {
  actor: Actor;
  deps: CoreDeps;
  args: Args;
}

export interface CommandSpec {
  /** The words that select the command, e.g. ['meeting', 'add']. Longest match wins. */
  path: string[];
  /** One-line usage shown by help and in error messages, without the '/clause5 ' prefix. */
  usage: string;
  summary: string;
  /**
   * What help shows people who are not quality managers or admins, when those can do more with the
   * command (e.g. name another leader): the usage and summary for one's own records only.
   */
  own?: { usage?: string; summary?: string };
  /** Help section, e.g. 'Meetings'. */
  group: string;
  access?: Access;
  /** Guests from another workspace (Slack Connect) may use it too; see permission.ts. */
  guests?: boolean;
  run(ctx: CommandContext): Promise<Reply>;
}

export interface ActionContext {
  actor: Actor;
  deps: CoreDeps;
  /** The button's value. */
  value: string;
  /**
   * The message whose button was pressed, when the platform knows it. A reply with replaceOriginal
   * updates that message itself, so the action leaves it out of the messages it updates.
   */
  pressed?: MessageRef;
}

export interface ActionSpec {
  /** Matches Button.action. */
  id: string;
  access?: Access;
  run(ctx: ActionContext): Promise<Reply>;
}

export interface FormContext {
  actor: Actor;
  deps: CoreDeps;
  values: FormValues;
  /** The form's opaque state, as given in Form.state. */
  state: string;
}

export interface FormSpec {
  /** Matches Form.id. */
  id: string;
  access?: Access;
  submit(ctx: FormContext): Promise<Reply>;
}

/** One area of the product (meetings, floor walks, wins, people, scorecard). */
export interface CoreModule {
  name: string;
  commands?: CommandSpec[];
  actions?: ActionSpec[];
  forms?: FormSpec[];
  composers?(deps: CoreDeps): DeliveryComposer[];
  /** Queued work that sends no message of its own (closing a week, …). */
  jobs?(deps: CoreDeps): DeliveryJob[];
  sources?(deps: CoreDeps): TriggerSource[];
}

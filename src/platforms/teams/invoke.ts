// 'adaptiveCard/action' invokes: a button (Action.Execute, verb = the core's action id) or a form
// submission (verb = the form id, inputs merged into the data). Teams waits only a few seconds
// for the answer, so the core gets `budgetMs`; the invoke response carries the card that replaces
// the tapped one, and the slow parts (persisting the replacement with an update, extra messages,
// opening a form) run after the response. A core that is too slow gets a "working on it" answer
// and the card is updated when it finishes.
import { Activity } from '@microsoft/agents-activity';
import type { TurnContext } from '@microsoft/agents-hosting';
import type { Form, FormValues, Reply } from '../../core/model';
import { note } from '../../core/model';
import { replyTarget, type Inbound } from './activity';
import { isFormData, readFormValues } from './cards/form';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from './cards/types';
import { actorOf, deliverReply, type MessageDeps } from './messages';
import type { ConversationTarget } from './connector';
import { cardActivity, encodeRef, targetOf } from './platform';
import { savePersonalChat } from './references';
import { firstDelivery } from './repeats';

export const ADAPTIVE_CARD_ACTION = 'adaptiveCard/action';
/** Teams shows an error if an invoke is not answered within about five seconds. */
export const DEFAULT_INVOKE_BUDGET_MS = 3_500;

export type AfterResponse = (work: () => Promise<void>) => void;

type Outcome = { kind: 'action'; reply: Reply } | { kind: 'form'; form: Form; values: FormValues; reply: Reply };

/** What to do with an outcome: the card or text to answer with, then what to do after. */
interface Plan {
  answer: { card: AdaptiveCard } | { text: string };
  /** Persist this card in place of the tapped message. */
  replace?: AdaptiveCard;
  /** Send afterwards as new messages (a message beside a replacement, a form to fill in). */
  followUp?: Reply;
}

export async function onInvoke(deps: MessageDeps, inbound: Inbound, context: TurnContext, after: AfterResponse, budgetMs: number): Promise<void> {
  const { activity } = inbound;
  if (activity.name !== ADAPTIVE_CARD_ACTION) return; // the SDK answers 501 Not Implemented
  const action = (activity.value as { action?: { type?: unknown; verb?: unknown; data?: unknown } } | undefined)?.action;
  if (action?.type !== 'Action.Execute' || typeof action.verb !== 'string' || !action.verb) {
    await answer(context, 400, {
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'BadRequest', message: 'Not a Clause5 card action.' },
    });
    return;
  }
  if (!inbound.personId) {
    await answer(context, 200, textAnswer('I can only answer people signed in to Teams.'));
    return;
  }
  if (!(await firstDelivery(deps.store, inbound))) {
    // The first delivery is recording the tap and updates the card when done; this keeps Teams from showing an error.
    await answer(context, 200, textAnswer('Working on it — this card will update in a moment.'));
    return;
  }
  await savePersonalChat(deps.conversations, inbound);
  const data = (action.data && typeof action.data === 'object' ? action.data : {}) as Record<string, unknown>;
  const verb = action.verb;
  const work = run(deps, inbound, verb, data);
  work.catch(() => undefined); // awaited again below or after the response; this only marks it handled
  // A budget of 0 always answers "working on it" at once (used to exercise the late path).
  const outcome = budgetMs > 0 ? await within(work, budgetMs) : undefined;
  if (!outcome) {
    await answer(context, 200, textAnswer('Working on it — this card will update in a moment.'));
    after(async () => applyLate(deps, inbound, await work));
    return;
  }
  const plan = await planFor(deps, inbound.orgId, outcome);
  await answer(context, 200, 'card' in plan.answer ? cardAnswer(plan.answer.card) : textAnswer(plan.answer.text));
  after(async () => applyAfter(deps, inbound, plan));
}

async function run(deps: MessageDeps, inbound: Inbound, verb: string, data: Record<string, unknown>): Promise<Outcome> {
  const actor = actorOf(inbound);
  if (isFormData(data)) {
    const form = data.c5.form;
    const values = readFormValues(form, data, inbound.tenantId);
    return { kind: 'form', form, values, reply: await deps.bot.handleFormSubmit(actor, form.id, values, String(form.state ?? '')) };
  }
  const c5 = (data as { c5?: { t?: unknown; v?: unknown } }).c5;
  if (c5?.t !== 'a') return { kind: 'action', reply: { message: note('This card is out of date. Type help to see what you can do.') } };
  // The tapped card in a personal chat, as the ref sendDirect stored: the reply's card replaces it.
  const tapped = inbound.activity.replyToId;
  const pressed = tapped && inbound.conversationType === 'personal' ? encodeRef({ conv: inbound.conversationId, id: tapped }) : undefined;
  return { kind: 'action', reply: await deps.bot.handleAction(actor, verb, typeof c5.v === 'string' ? c5.v : '', pressed) };
}

async function planFor(deps: MessageDeps, orgId: string, outcome: Outcome): Promise<Plan> {
  const { reply } = outcome;
  if (outcome.kind === 'form') {
    if (reply.formErrors && Object.keys(reply.formErrors).length) {
      return { answer: { card: await deps.renderer.formCard(orgId, outcome.form, { values: outcome.values, errors: reply.formErrors }) } };
    }
    // The form card is done: it becomes what was recorded, so it cannot be submitted twice.
    const shown = reply.replaceOriginal ?? reply.message ?? note('Saved.');
    const card = await deps.renderer.messageCard(orgId, shown);
    const rest: Reply = {
      ...(reply.replaceOriginal && reply.message ? { message: reply.message } : {}),
      ...(reply.openForm ? { openForm: reply.openForm } : {}),
    };
    return { answer: { card }, replace: card, followUp: rest };
  }
  if (reply.replaceOriginal) {
    const card = await deps.renderer.messageCard(orgId, reply.replaceOriginal);
    return {
      answer: { card },
      replace: card,
      followUp: { ...(reply.message ? { message: reply.message } : {}), ...(reply.openForm ? { openForm: reply.openForm } : {}) },
    };
  }
  // Nothing to replace: the tapped card stays; a short answer now, the full message / form after.
  const text = reply.openForm ? `Opening “${reply.openForm.title}”…` : reply.message ? await deps.renderer.preview(orgId, reply.message) : 'Done.';
  return { answer: { text }, followUp: reply };
}

async function applyAfter(deps: MessageDeps, inbound: Inbound, plan: Plan): Promise<void> {
  const target = replyTarget(inbound);
  const tapped = inbound.activity.replyToId;
  if (plan.replace && tapped) await deps.connector.update(target, tapped, cardActivity(plan.replace, String(plan.replace.fallbackText ?? '')));
  if (!plan.followUp) return;
  // Answers are private: a card tapped in a channel answers in the person's personal chat.
  const personal = inbound.conversationType === 'personal' ? target : await personalChatTarget(deps, inbound);
  if (personal) await deliverReply(deps, inbound.orgId, personal, plan.followUp);
}

async function personalChatTarget(deps: MessageDeps, inbound: Inbound): Promise<ConversationTarget | undefined> {
  const stored = inbound.personId ? await deps.conversations.get(inbound.orgId, 'person', inbound.personId) : undefined;
  return stored?.conversationId ? targetOf(stored) : undefined;
}

/** The core answered after the invoke did: show the result by updating the tapped card. */
async function applyLate(deps: MessageDeps, inbound: Inbound, outcome: Outcome): Promise<void> {
  const plan = await planFor(deps, inbound.orgId, outcome);
  const replace = plan.replace ?? ('card' in plan.answer ? plan.answer.card : undefined);
  await applyAfter(deps, inbound, { ...plan, ...(replace ? { replace } : {}) });
}

async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function cardAnswer(card: AdaptiveCard): Record<string, unknown> {
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card };
}

function textAnswer(text: string): Record<string, unknown> {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
}

async function answer(context: TurnContext, status: number, body: Record<string, unknown>): Promise<void> {
  await context.sendActivity(Activity.fromObject({ type: 'invokeResponse', value: { status, body } }));
}

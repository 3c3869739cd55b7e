// Modal submissions. Slack wants validation errors in the ack itself (`response_action: 'errors'`),
// so the core's form handler runs before the ack (it is local work on SQLite); anything that talks
// to Slack (updating the prompt the form came from, the confirmation DM) runs after it.
// Repeats: the same view submitted with the same values again (a double click, a retry) has one
// effect; a corrected resubmission after an error has different values and goes through.
import { createHash } from 'node:crypto';
import type { App, ViewSubmitAction } from '@slack/bolt';
import { note, type FormValues, type Reply } from '../../../core/model';
import { actorIn, type SlackDeps } from '../context';
import { readMetadata, readSubmission, renderModal, viewErrors, type ViewStateValues } from '../forms';
import { orgIdOf } from '../mrkdwn';
import { renderBlocks, summaryText } from '../render';
import { sendMessage, type ReplySurface } from '../reply';
import { safely } from './safely';

type Ack = (response?: Record<string, unknown>) => Promise<void>;

/** Recent submissions' outcomes, so a repeat gets the same answer (bounded; the DB key is the real guard). */
const MEMO_MAX = 500;

export function registerViews(app: App, d: SlackDeps): void {
  const memo = new Map<string, Promise<Outcome>>();

  app.view<ViewSubmitAction>({ type: 'view_submission', callback_id: /.+/ }, async ({ ack, body, view, context }) => {
    // The installation that authorised it (Bolt reads view.app_installed_team_id first): a Slack
    // Connect guest submits from their own workspace, which body.team and user.team_id name.
    const teamId = context.teamId;
    if (!teamId) return (ack as Ack)();
    const userId = body.user.id;
    const values = readSubmission(view.state.values as ViewStateValues, teamId);
    const metadata = readMetadata(view.private_metadata);
    const key = `slack:view:${view.id}:${digest(values)}`;
    const surface: ReplySurface = { teamId, userId };

    let outcome = memo.get(key);
    const first = !outcome;
    if (!outcome) {
      outcome = (async (): Promise<Outcome> => {
        if (!(await d.core.deps.store.markProcessed(key, orgIdOf(teamId)))) return {}; // handled before a restart
        const actor = await actorIn(d, teamId, userId, body.user.team_id);
        const reply = await d.core.bot.handleFormSubmit(actor, view.callback_id, values, metadata.s);
        return { reply, response: ackBody(reply, view, metadata.o) };
      })();
      memo.set(key, outcome);
      if (memo.size > MEMO_MAX) memo.delete(memo.keys().next().value!);
    }
    let result: Outcome;
    try {
      result = await outcome;
    } catch (error) {
      d.log.error({ form: view.callback_id, err: error instanceof Error ? error.message : String(error) }, 'form submission failed');
      result = { response: { response_action: 'errors', errors: firstInputError(view, 'Sorry, something went wrong on our side. Please try again.') } };
    }
    await (ack as Ack)(result.response);
    const { reply } = result;
    if (!first || !reply || result.response?.response_action === 'errors') return;
    await safely(d, `form ${view.callback_id}`, surface, async () => {
      const origin = metadata.o;
      if (reply.replaceOriginal && origin?.channel && origin.ts) {
        await d.api.call(teamId, 'chat.update', {
          channel: origin.channel,
          ts: origin.ts,
          text: summaryText(reply.replaceOriginal),
          blocks: renderBlocks(reply.replaceOriginal),
        });
      }
      const errors = Object.values(reply.formErrors ?? {});
      if (errors.length) await sendMessage(d, note(errors.join(' ')), surface);
      if (reply.message) await sendMessage(d, reply.message, surface);
    });
  });
}

interface Outcome {
  reply?: Reply;
  response?: Record<string, unknown>;
}

/** The ack for a submission: errors inline, a follow-up form in place, or close the modal. */
function ackBody(reply: Reply, view: ViewSubmitAction['view'], origin: ReturnType<typeof readMetadata>['o']): Record<string, unknown> | undefined {
  if (reply.formErrors && Object.keys(reply.formErrors).length) {
    const errors = viewErrors(reply.formErrors, view as { blocks?: Array<{ type: string; block_id?: string }> });
    if (Object.keys(errors).length) return { response_action: 'errors', errors };
  }
  if (reply.openForm) return { response_action: 'update', view: renderModal(reply.openForm, origin) };
  return undefined;
}

function firstInputError(view: ViewSubmitAction['view'], message: string): Record<string, string> {
  return viewErrors({ _: message }, view as { blocks?: Array<{ type: string; block_id?: string }> });
}

function digest(values: FormValues): string {
  const sorted = Object.keys(values)
    .sort()
    .map((k) => [k, values[k]]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16);
}

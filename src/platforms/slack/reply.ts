// Carries out a core Reply on the Slack surface the person acted on: a modal for openForm (needs the
// interaction's trigger_id), chat.update (or the response_url) for replaceOriginal, an ephemeral
// response for messages (or a DM where there is no response_url), and files into the DM.
import type { RespondFn } from '@slack/bolt';
import { note, type Message, type Reply } from '../../core/model';
import type { SlackDeps } from './context';
import { FormTooLarge, renderModal, type FormOrigin } from './forms';
import { escapeMrkdwn } from './mrkdwn';
import { summaryText, renderBlocks } from './render';

export interface ReplySurface {
  teamId: string;
  userId: string;
  respond?: RespondFn;
  triggerId?: string;
  /** The message whose button was pressed (not for App Home or modals). */
  container?: { channel: string; ts: string; ephemeral: boolean };
  /** What to tell people when a form cannot be opened here (no trigger_id). */
  formHint?: string;
}

export async function deliverReply(d: SlackDeps, reply: Reply, surface: ReplySurface): Promise<void> {
  if (reply.replaceOriginal) await replaceOriginal(d, reply.replaceOriginal, surface);
  if (reply.openForm) {
    if (surface.triggerId) {
      await openModal(d, surface, reply.openForm);
    } else {
      await sendMessage(d, note(surface.formHint ?? `That needs a form: type /clause5 ${reply.openForm.id.split('.')[0]} to open it.`), surface);
    }
  }
  if (reply.message) await sendMessage(d, reply.message, surface);
  if (reply.formErrors && Object.keys(reply.formErrors).length) {
    await sendMessage(d, note(Object.values(reply.formErrors).join(' ')), surface);
  }
}

async function openModal(d: SlackDeps, surface: ReplySurface, form: NonNullable<Reply['openForm']>): Promise<void> {
  const origin: FormOrigin | undefined =
    surface.container && !surface.container.ephemeral ? { channel: surface.container.channel, ts: surface.container.ts } : undefined;
  let view: ReturnType<typeof renderModal>;
  try {
    view = renderModal(form, origin);
  } catch (error) {
    if (!(error instanceof FormTooLarge)) throw error;
    d.log.error({ form: form.id, err: error.message }, 'form does not fit a Slack modal');
    await sendMessage(d, note('Sorry, that form is too large for Slack. Please tell your Clause5 admin.'), surface);
    return;
  }
  await d.api.call(surface.teamId, 'views.open', { trigger_id: surface.triggerId, view });
}

async function replaceOriginal(d: SlackDeps, message: Message, surface: ReplySurface): Promise<void> {
  const { container, respond } = surface;
  if (container && !container.ephemeral) {
    await d.api.call(surface.teamId, 'chat.update', {
      channel: container.channel,
      ts: container.ts,
      text: summaryText(message),
      blocks: renderBlocks(message),
    });
  } else if (respond) {
    await respond({ replace_original: true, text: summaryText(message), blocks: renderBlocks(message) });
  } else {
    await sendMessage(d, message, surface);
  }
}

/** Only the acting person sees it: ephemeral through the response_url, else a DM; files always go to the DM. */
export async function sendMessage(d: SlackDeps, message: Message, surface: ReplySurface): Promise<void> {
  if (message.attachment) {
    await d.platform.post(surface.teamId, surface.userId, message);
    if (surface.respond) {
      await surface.respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: `I sent “${escapeMrkdwn(message.attachment.filename)}” to you in a direct message.`,
      });
    }
    return;
  }
  if (surface.respond) {
    await surface.respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: summaryText(message),
      blocks: renderBlocks(message),
      unfurl_links: false,
      unfurl_media: false,
    } as Parameters<RespondFn>[0]);
    return;
  }
  await d.platform.post(surface.teamId, surface.userId, message);
}

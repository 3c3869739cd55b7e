// "/clause5 dashboard": a one-time sign-in link to the web page, sent by direct message. Lives with
// the web adapter (it needs node:crypto and the session store) and is added to the core's modules
// only when the web page is served.
import type { CoreModule } from '../core/commands/types';
import { UserError } from '../core/errors';
import { message, note, text } from '../core/model';
import { mayUseWeb, type WebAuth } from './auth';

export function dashboardModule(auth: WebAuth): CoreModule {
  return {
    name: 'web',
    commands: [
      {
        path: ['dashboard'],
        usage: 'dashboard',
        summary: 'A sign-in link (by direct message, valid 10 minutes, works once) to the web page with scorecards, walk notes and follow-ups.',
        group: 'Scorecard',
        access: 'anyone',
        async run({ actor, deps }) {
          if (!mayUseWeb(actor.person)) {
            throw new UserError('The web page is for leaders, quality managers and admins. Ask an admin if you need one of those roles.');
          }
          const url = await auth.issueLink(actor.org.id, actor.person.id);
          const link = message(
            'Your sign-in link to the Clause5 web page',
            [
              text('Open the Clause5 web page. The link works once, for 10 minutes, and only for you: do not forward it.'),
              { type: 'buttons', buttons: [{ label: 'Open the web page', action: 'web.open', value: '', url, style: 'primary' }] },
            ],
            'Clause5 web page',
          );
          await deps.platform.sendDirect(actor.org.id, actor.person.id, link);
          return { message: note('I have sent you a sign-in link by direct message.') };
        },
      },
    ],
    // Slack also reports a press on a link button; there is nothing to do.
    actions: [{ id: 'web.open', run: async () => ({}) }],
  };
}

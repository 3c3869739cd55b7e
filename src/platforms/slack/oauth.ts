// The "Add to Slack" install flow for multi-workspace deployments (SLACK_CLIENT_ID / SECRET /
// STATE_SECRET): GET /slack/install serves the button (and a signed state cookie), GET
// /slack/oauth_redirect checks the state against the cookie, exchanges the code (oauth.v2.access)
// and stores the workspace's bot token in SQLite. @slack/oauth's InstallProvider does the protocol.
import { InstallProvider } from '@slack/oauth';
import type { ServerResponse } from 'node:http';
import type { Logger } from '../../core/ports';
import type { HttpServer } from '../../http/server';
import { boltLogger } from './api';
import { oauthInstallationStore, type SlackInstallation, type SlackInstallations } from './installations';
import { BOT_SCOPES } from './surface';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

export interface OAuthOptions {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  slackApiUrl: string;
  installations: SlackInstallations;
  log: Logger;
  /** Called after a workspace's token is stored (creates its organisation). */
  onInstalled: (installation: SlackInstallation) => Promise<void>;
  /** Where Slack's consent page lives (tests point it at the fake). */
  authorizationUrl?: string;
}

export function mountOAuth(server: HttpServer, options: OAuthOptions): void {
  const { log } = options;
  const installer = new InstallProvider({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    stateSecret: options.stateSecret,
    installationStore: oauthInstallationStore(options.installations, options.onInstalled),
    installUrlOptions: { scopes: Object.keys(BOT_SCOPES) },
    clientOptions: { slackApiUrl: options.slackApiUrl, rejectRateLimitedCalls: true },
    logger: boltLogger(log),
    ...(options.authorizationUrl ? { authorizationUrl: options.authorizationUrl } : {}),
  });
  server.route({
    method: 'GET',
    path: INSTALL_PATH,
    handler: (req, res) => installer.handleInstallPath(req, res),
  });
  server.route({
    method: 'GET',
    path: REDIRECT_PATH,
    handler: (req, res) =>
      installer.handleCallback(req, res, {
        success: (installation, _options, _req, response) => {
          const team = installation.team?.name ?? installation.team?.id ?? 'your workspace';
          log.info({ teamId: installation.team?.id }, 'Clause5 was installed in a Slack workspace');
          page(response, 200, 'Clause5 is installed', `Clause5 is installed in ${team}. Open Slack and type /clause5 help to begin.`);
        },
        failure: (error, _options, _req, response) => {
          log.warn({ code: error.code, err: error.message }, 'a Slack install failed');
          page(response, 400, 'Clause5 was not installed', `The install did not finish: ${error.message} Please start again from ${INSTALL_PATH}.`);
        },
      }),
  });
}

function page(res: ServerResponse, status: number, title: string, text: string): void {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// The web page's routes on the shared HTTP server. Every page and download checks the session and
// then the same access rules as chat (resolveTarget): leaders see their own, quality managers and
// admins their organisation, nobody another organisation.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { render } from 'preact-render-to-string';
import type { VNode } from 'preact';
import type { Config } from '../config';
import type { CoreDeps } from '../core/deps';
import { UserError } from '../core/errors';
import { isManager } from '../core/people/types';
import { zoneOf } from '../core/people/zone';
import { buildScorecard } from '../core/scorecard/build';
import { parsePeriod } from '../core/scorecard/period';
import { csvFilename, renderScorecardCsv } from '../core/scorecard/render-csv';
import { resolveTarget, type TargetRequest } from '../core/scorecard/target';
import { localDateOf } from '../core/time';
import type { HttpServer } from '../http/server';
import { SESSION_TTL_MS, type SignedIn, type WebAuth } from './auth';
import { loadLeaderRecords } from './leader-records';
import { NoticePage, type Viewer } from './pages/layout';
import { LeaderPage } from './pages/leader';
import { parseSort } from './pages/leader-table';
import { OverviewPage } from './pages/overview';
import { PERIOD_CHOICES } from './pages/period-form';
import { formBody, query, readCookie, redirect, sendFile, sendPage, SESSION_COOKIE, sessionCookie } from './respond';
import { STYLESHEET } from './style';
import { buildChart, parseChartKind } from '../core/charts/chart';
import { buildEvidencePack } from '../core/evidence/pack';
import { exportPack, PACK_FORMATS, type PackFormat } from '../evidence/export';

export interface WebOptions {
  auth: WebAuth;
  deps: CoreDeps;
  /** Whether the session cookie gets `Secure` for this request (https, directly or behind a trusted proxy). */
  secure(req: IncomingMessage): boolean;
}

const html = (node: VNode) => render(node);

function chosenPeriod(req: IncomingMessage): string {
  const text = query(req).get('period') ?? 'month';
  return (PERIOD_CHOICES as readonly string[]).includes(text) ? text : 'month';
}

export function mountWeb(http: HttpServer, options: WebOptions): void {
  const { auth, deps } = options;

  /** Runs `page` for a signed-in person; anyone else gets a page saying how to sign in. */
  const signedIn =
    (page: (req: IncomingMessage, res: ServerResponse, who: SignedIn, body: Buffer) => Promise<void>) =>
    async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
      const who = await auth.current(readCookie(req, SESSION_COOKIE));
      if (!who) {
        sendPage(
          res,
          401,
          html(
            <NoticePage
              title="Sign in from chat"
              text="Your session has ended or you have not signed in. Type “dashboard” to Clause5 in Slack or Teams for a sign-in link."
            />,
          ),
        );
        return;
      }
      try {
        await page(req, res, who, body);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        sendPage(res, 403, html(<NoticePage title="Not available" text={error.message} viewer={viewerOf(who)} />));
      }
    };

  /** scope=all|site|leader and id, as a scorecard request (checked by resolveTarget). */
  const targetRequestOf = async (q: URLSearchParams, who: SignedIn): Promise<TargetRequest> => {
    const scope = q.get('scope');
    if (scope === 'leader') return { kind: 'person', ref: q.get('id') ?? '' };
    if (scope !== 'site') return { kind: 'all' };
    const site = await deps.store.sites.get(who.person.orgId, Number(q.get('id')));
    if (!site) throw new UserError('There is no such site in your organisation.');
    return { kind: 'site', name: site.name };
  };

  const scorecardFor = async (who: SignedIn, request: TargetRequest, chosen: string) => {
    const zone = await zoneOf(deps, who.person);
    const period = parsePeriod(chosen, localDateOf(deps.clock.now(), zone));
    const target = await resolveTarget(deps, who.person.orgId, who.person, request);
    return buildScorecard(deps, { orgId: who.person.orgId, target, period });
  };

  http.route({
    method: 'GET',
    path: '/web/signin',
    handler: async (req, res) => {
      const result = await auth.signIn(query(req).get('t') ?? '');
      if (!result) {
        sendPage(
          res,
          403,
          html(
            <NoticePage
              title="This sign-in link does not work"
              text="Sign-in links work once and for 10 minutes. Type “dashboard” to Clause5 in chat for a new one."
            />,
          ),
        );
        return;
      }
      redirect(res, '/web', { 'set-cookie': sessionCookie(result.cookie, { secure: options.secure(req), maxAgeSeconds: SESSION_TTL_MS / 1000 }) });
    },
  });

  http.route({ method: 'GET', path: '/web/style.css', handler: (_req, res) => sendFile(res, STYLESHEET, 'text/css; charset=utf-8') });

  http.route({
    method: 'GET',
    path: '/web',
    handler: signedIn(async (req, res, who) => {
      if (!isManager(who.person)) {
        redirect(res, `/web/leader?id=${encodeURIComponent(who.person.id)}&period=${chosenPeriod(req)}`);
        return;
      }
      const chosen = chosenPeriod(req);
      const card = await scorecardFor(who, { kind: 'all' }, chosen);
      sendPage(res, 200, html(<OverviewPage viewer={viewerOf(who)} card={card} chosen={chosen} sort={parseSort(query(req).get('sort'))} />));
    }),
  });

  http.route({
    method: 'GET',
    path: '/web/site',
    handler: signedIn(async (req, res, who) => {
      const chosen = chosenPeriod(req);
      const site = await deps.store.sites.get(who.person.orgId, Number(query(req).get('id')));
      if (!site) throw new UserError('There is no such site in your organisation.');
      const card = await scorecardFor(who, { kind: 'site', name: site.name }, chosen);
      sendPage(res, 200, html(<OverviewPage viewer={viewerOf(who)} card={card} chosen={chosen} sort={parseSort(query(req).get('sort'))} siteId={site.id} />));
    }),
  });

  http.route({
    method: 'GET',
    path: '/web/leader',
    handler: signedIn(async (req, res, who) => {
      const chosen = chosenPeriod(req);
      const card = await scorecardFor(who, { kind: 'person', ref: query(req).get('id') ?? '' }, chosen);
      const leader = card.leaders[0];
      if (!leader) throw new UserError('There is no scorecard for this person in this period.');
      const records = await loadLeaderRecords(deps, who.person.orgId, leader.id, card.period, leader.zone);
      sendPage(res, 200, html(<LeaderPage viewer={viewerOf(who)} card={card} leader={leader} chosen={chosen} {...records} />));
    }),
  });

  http.route({
    method: 'GET',
    path: '/web/scorecard.csv',
    handler: signedIn(async (req, res, who) => {
      const request = await targetRequestOf(query(req), who);
      const card = await scorecardFor(who, request, chosenPeriod(req));
      sendFile(res, renderScorecardCsv(card), 'text/csv; charset=utf-8', csvFilename(card));
    }),
  });

  // The chat's own chart SVGs, as images of the page (loaded beside it, so a slow trend over many
  // weeks never holds the page up); the same access rules as the scorecard they draw.
  http.route({
    method: 'GET',
    path: '/web/chart.svg',
    handler: signedIn(async (req, res, who) => {
      const q = query(req);
      const kind = parseChartKind(q.get('kind') ?? 'trend');
      const request = await targetRequestOf(q, who);
      const zone = await zoneOf(deps, who.person);
      const period = parsePeriod(chosenPeriod(req), localDateOf(deps.clock.now(), zone));
      const target = await resolveTarget(deps, who.person.orgId, who.person, request);
      const chart = await buildChart(deps, who.person.orgId, target, period, kind);
      sendFile(res, chart.attachment.content, 'image/svg+xml; charset=utf-8');
    }),
  });

  http.route({
    method: 'GET',
    path: '/web/evidence',
    handler: signedIn(async (req, res, who) => {
      if (!isManager(who.person)) throw new UserError('The evidence pack is for quality managers and admins.');
      const q = query(req);
      const format = (PACK_FORMATS as readonly string[]).includes(q.get('format') ?? '') ? (q.get('format') as PackFormat) : 'pdf';
      const siteId = q.get('site') ? Number(q.get('site')) : undefined;
      if (siteId !== undefined && !(await deps.store.sites.get(who.person.orgId, siteId))) throw new UserError('There is no such site in your organisation.');
      const zone = await zoneOf(deps, who.person);
      const period = parsePeriod(chosenPeriod(req), localDateOf(deps.clock.now(), zone));
      const pack = await buildEvidencePack(deps, { orgId: who.person.orgId, siteId, period, generatedBy: who.person.displayName, zone });
      const types: Record<PackFormat, string> = {
        md: 'text/markdown; charset=utf-8',
        html: 'text/html; charset=utf-8',
        pdf: 'application/pdf',
        csv: 'application/zip',
        zip: 'application/zip',
      };
      const extension = format === 'csv' ? 'zip' : format;
      sendFile(res, await exportPack(pack, format), types[format], `evidence-${period.from}-${period.to}.${extension}`);
    }),
  });

  http.route({
    method: 'POST',
    path: '/web/signout',
    bodyLimit: 4 * 1024,
    handler: signedIn(async (req, res, who, body) => {
      if (formBody(body).get('csrf') !== who.session.csrfToken) {
        sendPage(res, 403, html(<NoticePage title="Not signed out" text="This form had expired. Reload the page and try again." viewer={viewerOf(who)} />));
        return;
      }
      await auth.signOut(readCookie(req, SESSION_COOKIE) ?? '');
      sendPage(res, 200, html(<NoticePage title="Signed out" text="You are signed out. Type “dashboard” in chat to sign in again." />), {
        'set-cookie': sessionCookie('', { secure: options.secure(req), maxAgeSeconds: 0 }),
      });
    }),
  });
}

/** The session cookie is Secure on https: a TLS socket, or behind a proxy trusted with CLAUSE5_TRUST_PROXY. */
export function secureCookies(config: Pick<Config, 'CLAUSE5_PUBLIC_URL' | 'CLAUSE5_TRUST_PROXY'>): (req: IncomingMessage) => boolean {
  return (req) => {
    if ((req.socket as { encrypted?: boolean }).encrypted) return true;
    if (config.CLAUSE5_TRUST_PROXY !== 'true') return false;
    const proto = String(req.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]!
      .trim()
      .toLowerCase();
    return proto === 'https' || (proto === '' && (config.CLAUSE5_PUBLIC_URL ?? '').startsWith('https:'));
  };
}

function viewerOf(who: SignedIn): Viewer {
  return { person: who.person, csrfToken: who.session.csrfToken };
}

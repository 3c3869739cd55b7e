// The web page in a real browser (Debian's Chromium through playwright-core) against the real
// server on a real SQLite file holding a generated plant: one-time links, the access rules, the
// charts, the CSV download, sign-out and the security headers. Screenshots are written to
// docs/screenshots/ when CLAUSE5_SCREENSHOTS=1.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOrg, type GeneratedOrg } from '../../scripts/bench/generate-org';
import { loadConfig } from '../../src/config';
import { MovableClock } from '../../src/core/clock';
import { silentLogger } from '../../src/core/ports';
import { buildScorecard } from '../../src/core/scorecard/build';
import { parsePeriod } from '../../src/core/scorecard/period';
import { localDateOf } from '../../src/core/time';
import { startServer, type RunningServer } from '../../src/main';
import { launchBrowser, runBrowserTests } from '../support/browser';
import { tempDir } from '../support/core';

const SHOTS = process.env.CLAUSE5_SCREENSHOTS === '1' ? join(__dirname, '../../docs/screenshots') : undefined;
const OTHER_ORG = 'slack:T0OTHER';

describe.skipIf(!runBrowserTests)('the web page in Chromium', () => {
  let dir: string;
  let org: GeneratedOrg;
  let server: RunningServer;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    dir = tempDir('clause5-web-');
    org = generateOrg(join(dir, 'clause5.db'), { leaders: 12, weeks: 10, seed: 3, sites: 2 });
    const config = loadConfig({ NODE_ENV: 'test', CLAUSE5_DB: org.path, PORT: '0', HOST: '127.0.0.1', CLAUSE5_LOCAL_CHAT: 'off' });
    server = await startServer(config, { log: silentLogger, clock: new MovableClock(org.nowMs), ticker: false, seedDemo: false });
    base = `http://127.0.0.1:${server.port}`;
    await server.store.orgs.ensure({ id: OTHER_ORG, platform: 'slack', name: 'Other Co' });
    await server.store.people.ensure(
      { id: `${OTHER_ORG}:UQM`, orgId: OTHER_ORG, displayName: 'Olga Other', role: 'quality_manager', joinedOn: '2026-01-01' },
      null,
    );
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A signed-in page in a fresh browser context (its own cookies). */
  async function signIn(personId: string, orgId = 'local', width = 1280): Promise<Page> {
    const link = await server.web!.issueLink(orgId, personId);
    const page = await (await browser.newContext({ viewport: { width, height: 900 }, baseURL: base })).newPage();
    const res = await page.goto(link.replace(/^http:\/\/localhost:\d+/, base));
    expect(res?.status()).toBe(200);
    return page;
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete && i.naturalWidth > 0), undefined, { timeout: 60_000 });
    const png = await page.screenshot({ fullPage: true });
    expect(png.length).toBeGreaterThan(10_000);
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    }
  }

  it('a sign-in link works once: the second use is refused', async () => {
    const link = (await server.web!.issueLink('local', 'local:qm1')).replace(/^http:\/\/localhost:\d+/, base);
    const first = await (await browser.newContext()).newPage();
    expect((await first.goto(link))?.status()).toBe(200);
    expect(new URL(first.url()).pathname).toBe('/web');
    await expect(first.locator('h1').textContent()).resolves.toBe('Leadership scorecard — organisation');
    const second = await (await browser.newContext()).newPage();
    expect((await second.goto(link))?.status()).toBe(403);
    await expect(second.locator('h1').textContent()).resolves.toBe('This sign-in link does not work');
    expect((await second.goto(`${base}/web`))?.status()).toBe(401);
  });

  it('an expired link is refused (10 minutes, on the server clock)', async () => {
    const link = (await server.web!.issueLink('local', 'local:qm1')).replace(/^http:\/\/localhost:\d+/, base);
    server.clock.advance(10 * 60_000 + 1_000);
    const page = await (await browser.newContext()).newPage();
    expect((await page.goto(link))?.status()).toBe(403);
  });

  it('shows the organisation with charts whose bars are the scorecard figures, and a sortable table', async () => {
    const page = await signIn('local:qm1');
    await page.selectOption('#period', 'quarter');
    await Promise.all([page.waitForURL(/period=quarter/), page.click('form.period button')]);
    const card = await buildScorecard(server.core.deps, {
      orgId: 'local',
      target: { kind: 'all' },
      period: parsePeriod('quarter', localDateOf(server.clock.now(), org.defaultZone)),
    });
    const bars = await page
      .locator('svg[data-series="leader-index"] g[data-label]')
      .evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-label'), g.getAttribute('data-value'), g.querySelector('rect')?.getAttribute('width') ?? null]));
    expect(bars.map(([label, value]) => [label, value])).toEqual(card.leaders.map((l) => [l.displayName, l.index === null ? 'n/a' : String(l.index)]));
    expect(bars.filter(([, , width]) => width !== null && Number(width) > 0).length).toBeGreaterThan(0);
    expect(await page.locator('svg[data-series="site-index"] g[data-label]').count()).toBe(card.sites.length);

    // The chat's trend and walk-grid charts load as images; the grid draws a row per leader.
    await page.waitForFunction(
      () => Array.from(document.querySelectorAll('img[data-kind]')).every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0),
      undefined,
      { timeout: 60_000 },
    );
    expect(await page.locator('img[data-kind]').count()).toBe(2);
    const grid = await page.request.get(`${base}/web/chart.svg?kind=grid&scope=all&period=quarter`);
    expect(grid.headers()['content-type']).toContain('image/svg+xml');
    const svg = await grid.text();
    for (const leader of card.leaders) expect(svg).toContain(leader.displayName);

    await page.click('table.leaders thead a:text("Leader")');
    const names = await page.locator('table.leaders tbody th').allTextContents();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(names).toHaveLength(12);
    await shot(page, 'organisation-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'organisation-phone');
  });

  it('downloads the scorecard CSV with a row per leader', async () => {
    const page = await signIn('local:qm1');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a:text("Scorecard (CSV)")')]);
    const path = join(dir, 'download.csv');
    await download.saveAs(path);
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(path, 'utf8');
    for (let i = 1; i <= 12; i++) expect(csv).toContain(`Leader ${String(i).padStart(4, '0')}`);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
  });

  it('a leader sees their own page, with their walk notes, and cannot open another leader by changing the URL', async () => {
    const page = await signIn('local:leader0001');
    expect(new URL(page.url()).pathname).toBe('/web/leader');
    await expect(page.locator('h1').textContent()).resolves.toBe('Leadership scorecard — Leader 0001');
    await page.selectOption('#period', 'quarter');
    await Promise.all([page.waitForURL(/period=quarter/), page.click('form.period button')]);
    const walks = await server.store.walks.list('local', 'local:leader0001', '2026-W01', '2027-W01', 500);
    const shown = await page.locator('article.walk').count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(walks.length);
    await shot(page, 'leader-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'leader-phone');

    const other = await page.goto(`${base}/web/leader?id=${encodeURIComponent('local:leader0002')}`);
    expect(other?.status()).toBe(403);
    await expect(page.locator('.notice').textContent()).resolves.toContain('Leaders can see only their own scorecard');
    const site = await page.goto(`${base}/web/site?id=${org.sites[0]!.id}`);
    expect(site?.status()).toBe(403);
    const csv = await page.request.get(`${base}/web/scorecard.csv?scope=all`);
    expect(csv.status()).toBe(403);
    const chart = await page.request.get(`${base}/web/chart.svg?kind=grid&scope=leader&id=${encodeURIComponent('local:leader0002')}`);
    expect(chart.status()).toBe(403);
    const own = await page.request.get(`${base}/web/chart.svg?kind=trend&scope=leader&id=${encodeURIComponent('local:leader0001')}`);
    expect(own.status()).toBe(200);
  });

  it('an organisation cannot see another organisation', async () => {
    const page = await signIn(`${OTHER_ORG}:UQM`, OTHER_ORG);
    expect(await page.locator('table.leaders tbody tr').count()).toBe(0);
    expect((await page.goto(`${base}/web/leader?id=${encodeURIComponent('local:leader0001')}`))?.status()).toBe(403);
    expect((await page.goto(`${base}/web/site?id=${org.sites[0]!.id}`))?.status()).toBe(403);
    const csv = await page.request.get(`${base}/web/scorecard.csv?scope=leader&id=${encodeURIComponent('local:leader0001')}`);
    expect(csv.status()).toBe(403);
  });

  it('a session ends when the role is lowered, and on sign-out (which needs the CSRF token)', async () => {
    const page = await signIn('local:qm2');
    const forged = await page.request.post(`${base}/web/signout`, { form: { csrf: 'guess' } });
    expect(forged.status()).toBe(403);
    expect((await page.goto(`${base}/web`))?.status()).toBe(200);
    await page.click('button:text("Sign out")');
    await expect(page.locator('h1').textContent()).resolves.toBe('Signed out');
    expect((await page.goto(`${base}/web`))?.status()).toBe(401);

    const demoted = await signIn('local:qm2');
    await server.store.people.update('local', 'local:qm2', { role: 'leader' }, null);
    expect((await demoted.goto(`${base}/web`))?.status()).toBe(401);
  });

  it('sends strict security headers, and is keyboard usable with a skip link first', async () => {
    const page = await signIn('local:qm1');
    const res = await page.goto(`${base}/web`);
    const headers = res!.headers();
    expect(headers['content-security-policy']).toContain("default-src 'none'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['cache-control']).toBe('no-store');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to content');
    await expect(page.locator('label[for="period"]').textContent()).resolves.toBe('Period');
  });
});

// Slack bot tokens at rest: sealed with CLAUSE5_SECRET_KEY (AES-256-GCM) when an OAuth install
// stores them, so the SQLite file's bytes never hold the token; a plaintext row from an older
// version is sealed at start-up (and vacuumed away); a wrong or missing key stops start-up with a
// clear message; `secrets rotate` moves every value to the new key.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateCommand } from '../../src/cli/secrets';
import { ConfigError, loadConfig } from '../../src/config';
import { silentLogger } from '../../src/core/ports';
import { buildRuntime } from '../../src/main';
import { SecretBox, secretBoxOf } from '../../src/store/secret-box';
import { openSqliteStore } from '../../src/store/sqlite';
import { createSqlitePlatformState } from '../../src/store/sqlite/platform-state';
import { tempDir } from '../support/core';
import { installViaOAuth, startSlackHarness, workspace, type SlackHarness } from '../support/slack-harness';

const KEY_1 = Buffer.alloc(32, 1).toString('base64');
const KEY_2 = Buffer.alloc(32, 2).toString('base64');
const TOKEN = 'xoxb-1111-2222-legacyPlaintextToken';

/** Every byte Clause5 keeps on disk for this database. */
function fileBytes(dbPath: string): string {
  return ['', '-wal', '-shm'].map((s) => (existsSync(dbPath + s) ? readFileSync(dbPath + s).toString('latin1') : '')).join('');
}

function storedToken(dbPath: string, teamId: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT bot_token FROM slack_installations WHERE team_id = ?').get(teamId) as { bot_token: string }).bot_token;
  } finally {
    db.close();
  }
}

describe('an OAuth install stores the bot token sealed', () => {
  let h: SlackHarness;
  const acme = workspace('TSEAL1', 'Acme', [{ id: 'U1', name: 'Ada' }]);
  beforeAll(async () => {
    h = await startSlackHarness({ oauth: true, others: [acme] });
  });
  afterAll(async () => h?.close());

  it('the database file never holds the token, and Clause5 still uses it', async () => {
    expect((await installViaOAuth(h, acme, { installer: 'U1' })).status).toBe(200);
    expect(storedToken(h.tc.dbPath, acme.teamId)).toMatch(/^c5s1:[0-9a-f]{8}:/);
    expect(fileBytes(h.tc.dbPath)).not.toContain(acme.botToken);
    expect(fileBytes(h.tc.dbPath)).not.toContain(acme.botToken.slice(5)); // not even without its prefix
    const installations = createSqlitePlatformState(h.tc.store.database, () => 0, {
      box: secretBoxOf({ CLAUSE5_SECRET_KEY: Buffer.alloc(32, 7).toString('base64') }),
    }).slackInstallations;
    expect((await installations.get(acme.teamId))?.botToken).toBe(acme.botToken);
  });
});

describe('a single bot token (SLACK_BOT_TOKEN) is not stored', () => {
  let h: SlackHarness;
  const solo = workspace('TSOLO', 'Solo', [{ id: 'U1', name: 'Ada' }]);
  beforeAll(async () => {
    h = await startSlackHarness({ workspace: solo });
  });
  afterAll(async () => h?.close());

  it('its row says "from the environment" and the token is read from there', async () => {
    expect(storedToken(h.tc.dbPath, solo.teamId)).toBe('env:');
    expect(fileBytes(h.tc.dbPath)).not.toContain(solo.botToken);
    expect((await h.slack.installations.get(solo.teamId))?.botToken).toBe(solo.botToken);
  });
});

describe('start-up, wrong keys and rotation', () => {
  let dir: string;
  let dbPath: string;
  const env = (extra: Record<string, string>) => loadConfig({ NODE_ENV: 'test', CLAUSE5_DB: dbPath, ...extra });
  const start = async (extra: Record<string, string>) => (await buildRuntime(env(extra), { log: silentLogger, platforms: false })).close();
  beforeAll(() => {
    dir = tempDir('clause5-sealed-');
    dbPath = join(dir, 'clause5.db');
    openSqliteStore(dbPath, () => 0).close();
    const db = new Database(dbPath);
    const insert = db.prepare(
      `INSERT INTO slack_installations (team_id, team_name, bot_token, bot_user_id, bot_id, scopes, installed_at) VALUES (?, 'Old', ?, 'UB', 'BB', '', 0)`,
    );
    insert.run('TOLD', TOKEN);
    // More old workspaces: sealing makes every row longer, so rows move and leave their old bytes in free pages.
    for (let i = 0; i < 60; i++) insert.run(`TOLD${i}`, `${TOKEN}-${i}`);
    db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('seals a legacy plaintext row at start-up and leaves no copy in the file', async () => {
    expect(fileBytes(dbPath)).toContain(TOKEN);
    await start({ CLAUSE5_SECRET_KEY: KEY_1 });
    expect(storedToken(dbPath, 'TOLD')).toMatch(/^c5s1:/);
    expect(fileBytes(dbPath)).not.toContain(TOKEN);
  });

  it('refuses to start with a wrong key or none, saying which', async () => {
    await expect(start({ CLAUSE5_SECRET_KEY: KEY_2 })).rejects.toThrow(
      /slack_installations\.bot_token of TOLD was sealed with key [0-9a-f]{8}, which is not CLAUSE5_SECRET_KEY/,
    );
    await expect(start({})).rejects.toThrow('slack_installations.bot_token of TOLD is stored encrypted, but CLAUSE5_SECRET_KEY is not set');
  });

  it('secrets rotate re-seals with the new key; then the old key alone no longer opens it', async () => {
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    expect(await rotateCommand(env({ CLAUSE5_SECRET_KEY: KEY_2, CLAUSE5_SECRET_KEY_PREVIOUS: KEY_1 }), io)).toBe(0);
    expect(out.join('\n')).toContain('61 re-sealed with the current key');
    await start({ CLAUSE5_SECRET_KEY: KEY_2 });
    await expect(start({ CLAUSE5_SECRET_KEY: KEY_1 })).rejects.toThrow('which is not CLAUSE5_SECRET_KEY');
    const box = secretBoxOf({ CLAUSE5_SECRET_KEY: KEY_2 });
    expect(box.open(storedToken(dbPath, 'TOLD'), 'slack_installations.bot_token of TOLD')).toBe(TOKEN);
    expect(fileBytes(dbPath)).not.toContain(TOKEN);
  });

  it('a value moved to another row or altered does not open', () => {
    const box = secretBoxOf({ CLAUSE5_SECRET_KEY: KEY_2 });
    const sealed = storedToken(dbPath, 'TOLD');
    expect(() => box.open(sealed, 'slack_installations.bot_token of TOTHER')).toThrow('altered or damaged');
    // A character in the middle: the last one of unpadded base64 may carry only padding bits, and
    // changing those would decode to the very same bytes.
    const at = sealed.length - 8;
    const flipped = `${sealed.slice(0, at)}${sealed[at] === 'A' ? 'B' : 'A'}${sealed.slice(at + 1)}`;
    expect(() => box.open(flipped, 'slack_installations.bot_token of TOLD')).toThrow('altered or damaged');
    expect(SecretBox.isSealed(TOKEN)).toBe(false);
  });
});

describe('configuration', () => {
  const oauth = { SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: 'c', SLACK_CLIENT_SECRET: 'cs', SLACK_STATE_SECRET: 'ss' };
  it('OAuth without a key refuses to start, naming CLAUSE5_SECRET_KEY', () => {
    expect(() => loadConfig({ ...oauth, NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig(oauth)).toThrow(/CLAUSE5_SECRET_KEY: expected a key when SLACK_CLIENT_ID is set.*secrets new-key/);
    expect(loadConfig({ ...oauth, CLAUSE5_SECRET_KEY: KEY_1 }).CLAUSE5_SECRET_KEY).toBe(KEY_1);
  });

  it('a malformed key is refused; local mode and a single bot token need none', () => {
    expect(() => loadConfig({ CLAUSE5_SECRET_KEY: 'c2hvcnQ=' })).toThrow(/CLAUSE5_SECRET_KEY: expected a base64 key of 32 bytes/);
    expect(() => loadConfig({ CLAUSE5_SECRET_KEY_PREVIOUS: KEY_1 })).toThrow(/CLAUSE5_SECRET_KEY: expected the new key/);
    expect(loadConfig({ NODE_ENV: 'production' }).localMode).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slackEnabled).toBe(true);
  });
});

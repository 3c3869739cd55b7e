// The columns that hold secrets and how their values are bound and marked, for both engines.
import type { SlackInstallation, SlackInstallationInput } from '../../platforms/state';
import { SecretBox } from '../secret-box';

interface SecretColumn {
  table: string;
  key: string;
  column: string;
}

/** Every stored secret. A new one is added here and sealed/opened with `secretContext`. */
export const SECRET_COLUMNS: readonly SecretColumn[] = [{ table: 'slack_installations', key: 'team_id', column: 'bot_token' }];

/** What a sealed value is bound to: its table, column and row. */
export function secretContext(table: string, column: string, rowKey: string): string {
  return `${table}.${column} of ${rowKey}`;
}

/** A value that stands for "the token is in the environment, not stored" (single-token Slack). */
export const FROM_ENVIRONMENT = 'env:';

export interface SealReport {
  /** Plaintext values sealed now. */
  sealed: number;
  /** Values re-sealed with the current key (rotation). */
  resealed: number;
  /** Plaintext values left as they are, because no key is configured. */
  plaintext: number;
}

/**
 * What the start-up / rotation pass does with one stored value: nothing, or write `value` back
 * (sealed now, or re-sealed with the current key). Throws a clear SecretKeyError for a wrong or
 * missing key.
 */
export function resealed(box: SecretBox, stored: string, context: string, report: SealReport, rotate: boolean): string | undefined {
  if (stored === FROM_ENVIRONMENT) return undefined;
  const plain = box.open(stored, context);
  if (!SecretBox.isSealed(stored)) {
    if (!box.canSeal) {
      report.plaintext++;
      return undefined;
    }
    report.sealed++;
    return box.seal(plain, context);
  }
  if (rotate && !box.sealedWithCurrent(stored)) {
    report.resealed++;
    return box.seal(plain, context);
  }
  return undefined;
}

export interface InstallationSecrets {
  /** Seals bot tokens at rest (CLAUSE5_SECRET_KEY); without a key, storing a token is refused. */
  box?: SecretBox;
  /** SLACK_BOT_TOKEN: its workspace's row says "from the environment" instead of storing it. */
  envToken?: string;
  /** Called after a plaintext token (from an older version) was overwritten: clears it from free pages. */
  scrub?: () => void;
}

const tokenContext = (teamId: string) => secretContext('slack_installations', 'bot_token', teamId);

/** The slack_installations row (camelCase) for an installation, its token sealed or marked "from the environment". */
export function installationRow(installation: SlackInstallationInput, box: SecretBox, envToken: string | undefined, now: number) {
  return {
    teamId: installation.teamId,
    enterpriseId: installation.enterpriseId,
    teamName: installation.teamName,
    botToken: installation.botToken === envToken ? FROM_ENVIRONMENT : box.seal(installation.botToken, tokenContext(installation.teamId)),
    botUserId: installation.botUserId,
    botId: installation.botId,
    installerUserId: installation.installerUserId,
    scopes: installation.scopes.join(','),
    installedAt: installation.installedAt ?? now,
  };
}

/** Whether a stored token is plaintext from an older version (overwriting it calls for a scrub). */
export function isPlaintextToken(stored: string): boolean {
  return stored !== FROM_ENVIRONMENT && !SecretBox.isSealed(stored);
}

type InstallationRow = Omit<SlackInstallation, 'scopes'> & { scopes: string };

/** A stored installation with its token opened; undefined when the token cannot be had. */
export function fromInstallationRow(row: InstallationRow, box: SecretBox, envToken: string | undefined): SlackInstallation | undefined {
  const botToken = row.botToken === FROM_ENVIRONMENT ? envToken : box.open(row.botToken, tokenContext(row.teamId));
  return botToken ? { ...row, botToken, scopes: row.scopes ? row.scopes.split(',') : [] } : undefined;
}

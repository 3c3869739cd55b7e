// `clause5 secrets new-key` prints a fresh CLAUSE5_SECRET_KEY; `clause5 secrets rotate` re-seals
// every stored secret with CLAUSE5_SECRET_KEY (opening old ones with CLAUSE5_SECRET_KEY_PREVIOUS).
import type { Config } from '../config';
import { newSecretKey, SecretKeyError, secretBoxOf } from '../store/secret-box';
import { rotateStoredSecrets } from '../store/open';
import { CliFailure, type CliIO } from './io';

export function newKeyCommand(io: CliIO): number {
  io.out(newSecretKey());
  return 0;
}

export async function rotateCommand(config: Readonly<Config>, io: CliIO): Promise<number> {
  if (!config.CLAUSE5_SECRET_KEY)
    throw new CliFailure('CLAUSE5_SECRET_KEY is not set: set the new key (and the old one as CLAUSE5_SECRET_KEY_PREVIOUS), then run secrets rotate.');
  try {
    const { where, report } = await rotateStoredSecrets(config, secretBoxOf(config));
    io.out(
      `Secrets in ${where}: ${report.resealed} re-sealed with the current key, ${report.sealed} plaintext value(s) sealed. ` +
        'Every stored secret now opens with CLAUSE5_SECRET_KEY alone; you can remove CLAUSE5_SECRET_KEY_PREVIOUS.',
    );
    return 0;
  } catch (error) {
    if (error instanceof SecretKeyError) throw new CliFailure(error.message);
    throw error;
  }
}

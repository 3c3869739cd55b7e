// `clause5 verify [--org <id>]`: checks the tamper-evident record (the audit chain and the live
// record tables). Exit 0 and the head hash of each organisation's chain when all is intact; exit 1
// naming the first entry or row that no longer matches.
import type { Config } from '../config';
import { withRuntime } from './context';
import type { CliIO } from './io';

export async function verifyCommand(config: Readonly<Config>, org: string | undefined, io: CliIO): Promise<number> {
  return withRuntime(config, { io }, async (runtime) => {
    const result = await runtime.store.verify(org);
    for (const chain of result.chains) io.out(`${chain.orgId}: ${chain.entries} entries checked, head ${chain.head}`);
    if (result.ok) {
      io.out('The record is intact.');
      return 0;
    }
    const p = result.problem!;
    io.err(`The record is NOT intact (${p.orgId}): ${p.where}: ${p.reason}.`);
    return 1;
  });
}

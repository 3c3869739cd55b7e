// `clause5 dashboard link @handle [--org id]`: prints a one-time sign-in link to the web page (for
// operators and tests). The link points at CLAUSE5_PUBLIC_URL, else http://localhost:<PORT>.
import type { Config } from '../config';
import { mayUseWeb } from '../web/auth';
import { findPerson } from '../core/scorecard/target';
import { UserError } from '../core/errors';
import { withRuntime } from './context';
import { CliFailure, type CliIO } from './io';
import { chooseOrg } from './org';

export async function dashboardLinkCommand(config: Readonly<Config>, handle: string, org: string | undefined, io: CliIO): Promise<number> {
  if (config.CLAUSE5_WEB !== 'on') throw new CliFailure('The web page is off (CLAUSE5_WEB=off).');
  return withRuntime(config, { io }, async (runtime) => {
    const orgId = await chooseOrg(runtime.store, org);
    const person = await findPerson(runtime.core.deps, orgId, handle).catch((error: unknown) => {
      throw error instanceof UserError ? new CliFailure(error.message) : error;
    });
    if (!mayUseWeb(person)) throw new CliFailure(`${person.displayName} is a ${person.role}: the web page is for leaders, quality managers and admins.`);
    io.out(await runtime.web!.issueLink(orgId, person.id));
    return 0;
  });
}

// "/clause5 evidence [site "<name>"] [period]": the management-review evidence pack, as a Markdown
// file in the asker's direct messages (quality managers and admins). The command line and the web
// page give the same pack as PDF, HTML or a zip of CSV files.
import type { CommandSpec, CoreModule } from '../commands/types';
import { resolveTarget } from '../scorecard/target';
import { note } from '../model';
import { parsePeriod } from '../scorecard/period';
import { localDateOf } from '../time';
import { buildEvidencePack } from './pack';
import { renderPackMarkdown } from './render-md';

const USAGE = 'evidence [site "<name>"] [period]';

const evidenceCommand: CommandSpec = {
  path: ['evidence'],
  usage: USAGE,
  summary:
    'The evidence pack for the management review (clause 5.1 and 9.3): by site, by clause, follow-ups, exceptions, corrections and the integrity hash, as a file.',
  group: 'Scorecard',
  access: 'manager',
  async run({ actor, deps, args }) {
    const siteName = args.option('site', 'Name the site after “site”, for example: /clause5 evidence site "Plant 1" quarter');
    const periodText = args.rest() || 'quarter';
    const period = parsePeriod(periodText, localDateOf(deps.clock.now(), actor.zone));
    const target = siteName === undefined ? undefined : await resolveTarget(deps, actor.org.id, actor.person, { kind: 'site', name: siteName });
    const siteId = target?.kind === 'site' ? target.siteId : undefined;
    const pack = await buildEvidencePack(deps, { orgId: actor.org.id, siteId, period, generatedBy: actor.person.displayName, zone: actor.zone });
    const message = note(
      `Evidence pack for ${pack.siteName ?? pack.orgName}, ${period.from} to ${period.to}: ${pack.clauses.length} clauses evidenced, chain head ${pack.integrity.head.slice(0, 16)}…`,
    );
    message.attachment = { filename: `evidence-${period.from}-${period.to}.md`, mimeType: 'text/markdown', content: renderPackMarkdown(pack) };
    return { message };
  },
};

export const evidenceModule: CoreModule = { name: 'evidence', commands: [evidenceCommand] };

// Benchmark: the management-review evidence pack for a year of a 500-leader plant (issue 12 §3).
// The generated organisation (500 leaders × 104 weeks, so the year has a year of history before
// it) and the pack for its latest 12 months, organisation-wide: the pack built (scorecard, month
// trend, clause examples, follow-ups …), then written as PDF, HTML and the CSV zip. Timed end to
// end as `clause5 evidence` does it, on one process with the scorecard's worker threads.
// Target: under 10 s for the PDF (build + render).
// Run: npx tsx scripts/bench/pack.ts [--rounds 3] [--leaders 500] [--weeks 104]
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { buildEvidencePack } from '../../src/core/evidence/pack';
import { parsePeriod } from '../../src/core/scorecard/period';
import { addDays, localDateOf } from '../../src/core/time';
import { exportPack } from '../../src/evidence/export';
import { emit, fmt, log, median, spread, type BenchRow } from './report';
import { benchCore, ensureOrg } from './scorecard-setup';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '3' }, leaders: { type: 'string', default: '500' }, weeks: { type: 'string', default: '104' } },
});
const rounds = Number(values.rounds);
const org = ensureOrg({ leaders: Number(values.leaders), weeks: Number(values.weeks), seed: 1 }, log);

async function main(): Promise<void> {
  const bench = benchCore(org, true);
  const deps = bench.core.deps;
  const today = localDateOf(org.nowMs, org.defaultZone);
  const period = parsePeriod(`${addDays(today, -364)}..${today}`, today);
  const build = () => buildEvidencePack(deps, { orgId: org.orgId, period, generatedBy: 'bench', zone: org.defaultZone });
  try {
    await build(); // warm-up: worker threads started, statements prepared
    const times: Record<'build' | 'pdf' | 'html' | 'zip', number[]> = { build: [], pdf: [], html: [], zip: [] };
    let pages = 0;
    // CPU seconds of the whole process (every thread): a figure the other work on a shared machine disturbs less than the clock.
    const cpu: number[] = [];
    const buildCpu: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const cpuStart = process.cpuUsage();
      let t = performance.now();
      const pack = await build();
      times.build.push(performance.now() - t);
      const afterBuild = process.cpuUsage(cpuStart);
      buildCpu.push((afterBuild.user + afterBuild.system) / 1e6);
      for (const format of ['pdf', 'html', 'zip'] as const) {
        t = performance.now();
        const bytes = await exportPack(pack, format);
        times[format].push(performance.now() - t);
        if (format === 'pdf') {
          pages = (bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
          const used = process.cpuUsage(cpuStart);
          cpu.push((used.user + used.system) / 1e6);
        }
      }
      log(
        `round ${i + 1}: CPU (build + pdf, all threads) ${fmt(cpu.at(-1)!)} s, of which build ${fmt(buildCpu.at(-1)!)} s; build ${fmt(times.build.at(-1)!)} ms, pdf ${fmt(times.pdf.at(-1)!)} ms, html ${fmt(times.html.at(-1)!)} ms, zip ${fmt(times.zip.at(-1)!)} ms`,
      );
    }
    const total = (format: 'pdf' | 'html' | 'zip') => times.build.map((b, i) => (b + times[format][i]!) / 1000);
    const how = `${org.leaderIds.length} leaders, ${period.from}..${period.to} (a year, ${values.weeks} weeks of history), whole organisation, after 1 warm-up`;
    const rows: BenchRow[] = [
      {
        what: 'Evidence pack: a year, PDF (build + render)',
        how: `${how}; ${pages} pages`,
        result: spread(total('pdf'), ' s'),
        baseline: `build alone ${fmt(median(times.build) / 1000)} s; CPU (all threads) ${fmt(median(cpu))} s, build ${fmt(median(buildCpu))} s of it; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
        target: '< 10 s',
        met: median(total('pdf')) < 10,
      },
      { what: 'Evidence pack: a year, HTML', how, result: spread(total('html'), ' s'), target: '< 10 s', met: median(total('html')) < 10 },
      { what: 'Evidence pack: a year, CSV zip (+ md, html)', how, result: spread(total('zip'), ' s'), target: '< 10 s', met: median(total('zip')) < 10 },
    ];
    emit('pack', rows);
  } finally {
    bench.store.close();
  }
}

main().catch((error: unknown) => {
  log(String(error instanceof Error ? error.stack : error));
  process.exitCode = 1;
});

// `npm run build`: Clause5 as plain JavaScript for production, so that Node runs it without tsx's
// loader (start-up about twice as fast, ~40 MB less memory; see docs/benchmarks.md). Bundles our
// TypeScript only — packages stay in node_modules — into dist/cli.mjs and the scorecard's worker
// thread into dist/scorecard-worker.mjs. Run the result with `node dist/cli.mjs serve` from the
// project folder (it finds db/migrations above itself).
// Usage: tsx scripts/build.ts [--outdir <dir inside the project>]
import { build } from 'esbuild';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export async function buildBundle(outdir = join(ROOT, 'dist')): Promise<{ cli: string; worker: string }> {
  await build({
    entryPoints: {
      cli: join(ROOT, 'src/cli.ts'),
      'scorecard-worker': join(ROOT, 'src/store/sqlite/scorecard-worker.ts'),
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: true,
    logLevel: 'error',
  });
  return { cli: join(outdir, 'cli.mjs'), worker: join(outdir, 'scorecard-worker.mjs') };
}

const isEntry = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntry) {
  const given = process.argv[process.argv.indexOf('--outdir') + 1];
  const outdir = process.argv.includes('--outdir') && given ? resolve(given) : undefined;
  buildBundle(outdir).then(
    ({ cli }) => process.stdout.write(`built ${cli}; run it with: node ${cli} serve\n`),
    (error: unknown) => {
      process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}

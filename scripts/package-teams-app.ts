// `npm run teams:package`: fills manifests/teams/manifest.json with this deployment's values and
// writes the app package (manifest + two icons, zipped) that a Teams admin uploads.
//   MICROSOFT_APP_ID       the Azure Bot's app id (from the environment or .env)
//   --host <name>          the public host name of this Clause5 server (or CLAUSE5_PUBLIC_HOST)
//   --out <file>           where to write the zip (default dist/clause5-teams.zip)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { zipSync } from 'fflate';

const MANIFEST_DIR = new URL('../manifests/teams/', import.meta.url);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export interface PackageValues {
  appId: string;
  /** Public host name, e.g. clause5.plant.example (no scheme, no path). */
  host: string;
  /** App version, x.y.z (default: package.json's). */
  version?: string;
}

export class PackageError extends Error {}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** The filled-in manifest text; refuses values Teams would reject. */
export function fillManifest(values: PackageValues): string {
  if (!GUID.test(values.appId)) throw new PackageError(`MICROSOFT_APP_ID must be the bot's app id, a GUID (got “${values.appId}”).`);
  const host = values.host
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '');
  if (!HOST_NAME.test(host)) {
    throw new PackageError(`The host must be the public DNS name of your Clause5 server, e.g. clause5.plant.example (got “${values.host}”).`);
  }
  const version = values.version ?? packageVersion();
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new PackageError(`The app version must look like 1.0.0 (got “${version}”).`);
  const template = readFileSync(new URL('manifest.json', MANIFEST_DIR), 'utf8');
  const filled = template.replaceAll('{{MICROSOFT_APP_ID}}', values.appId.toLowerCase()).replaceAll('{{HOST}}', host).replaceAll('{{VERSION}}', version);
  const left = filled.match(/\{\{[A-Z_]+\}\}/);
  if (left) throw new PackageError(`manifest.json still has the placeholder ${left[0]}.`);
  JSON.parse(filled); // still valid JSON
  return filled;
}

/** The zip Teams takes: manifest.json and the two icons at the top level. */
export function buildPackage(values: PackageValues): Uint8Array {
  const manifest = fillManifest(values);
  return zipSync({
    'manifest.json': new TextEncoder().encode(manifest),
    'color.png': readFileSync(new URL('color.png', MANIFEST_DIR)),
    'outline.png': readFileSync(new URL('outline.png', MANIFEST_DIR)),
  });
}

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const { loadConfig, loadDotEnv } = await import('../src/config');
  loadDotEnv();
  const config = loadConfig();
  const appId = config.MICROSOFT_APP_ID;
  if (!appId) throw new PackageError('Set MICROSOFT_APP_ID (the Azure Bot app id) in the environment or .env first.');
  const host = argument('host') ?? process.env.CLAUSE5_PUBLIC_HOST;
  if (!host) throw new PackageError('Give the public host name of your Clause5 server: npm run teams:package -- --host clause5.plant.example');
  const out = resolve(argument('out') ?? 'dist/clause5-teams.zip');
  const zip = buildPackage({ appId, host });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip);
  console.log(`Wrote ${out} (${zip.length} bytes). Upload it in Teams: Apps → Manage your apps → Upload an app, or in the Teams admin center.`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof PackageError || (error as Error).name === 'ConfigError' ? (error as Error).message : error);
    process.exit(1);
  });
}

// The Teams app package: the manifest's command list must match the core's commands (no drift),
// the bot must be declared for personal, team and group chats, and `npm run teams:package` must
// produce the zip a Teams admin uploads — placeholders filled, both icons at the right size.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { coreModules } from '../../../src/core/modules';
import { buildPackage, fillManifest, PackageError, packageVersion } from '../../../scripts/package-teams-app';

const template = JSON.parse(readFileSync(new URL('../../../manifests/teams/manifest.json', import.meta.url), 'utf8'));
const coreWords = new Set(coreModules.flatMap((m) => m.commands ?? []).map((c) => c.path[0]!));
const APP_ID = '8c5d2a8e-4b1f-4c55-9d3e-7f1a2b3c4d5e';

/** Width, height and RGBA pixels of an 8-bit RGBA, non-interlaced PNG. */
function readPng(png: Uint8Array): { width: number; height: number; pixels: Buffer } {
  const buf = Buffer.from(png);
  expect(buf.subarray(1, 4).toString()).toBe('PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.subarray(offset + 4, offset + 8).toString();
    const data = buf.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0); // filter "none", as our encoder writes it
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, pixels };
}

describe('manifests/teams/manifest.json', () => {
  it('uses a current schema (1.17 or later) and declares the bot for personal, team and group chats', () => {
    expect(Number(template.manifestVersion)).toBeGreaterThanOrEqual(1.17);
    expect(template.$schema).toContain(`/v${template.manifestVersion}/`);
    expect(template.bots).toHaveLength(1);
    expect(template.bots[0]).toMatchObject({ botId: '{{MICROSOFT_APP_ID}}', scopes: ['personal', 'team', 'groupChat'] });
    expect(template.id).toBe('{{MICROSOFT_APP_ID}}');
    expect(template.validDomains).toEqual(['{{HOST}}']);
    expect(template.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(template.description.short.length).toBeLessThanOrEqual(80);
    expect(template.name.short.length).toBeLessThanOrEqual(30);
  });

  it('lists the core’s command words and nothing the core does not know (no drift)', () => {
    const lists = template.bots[0].commandLists as Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }>;
    const personal = lists.find((l) => l.scopes.includes('personal'))!;
    expect(personal.commands.map((c) => c.title)).toEqual(['help', 'win', 'floorwalk', 'meeting', 'away', 'scorecard', 'followups', 'admin']);
    for (const list of lists) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const command of list.commands) {
        if (command.title !== 'help') expect(coreWords, `core command “${command.title}”`).toContain(command.title);
        expect(command.title.length).toBeLessThanOrEqual(32);
        expect(command.description.length).toBeLessThanOrEqual(128);
      }
    }
  });
});

describe('npm run teams:package', () => {
  it('writes a zip with the filled manifest and both icons at the top level', () => {
    const files = unzipSync(buildPackage({ appId: APP_ID.toUpperCase(), host: 'https://clause5.plant.example/' }));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const text = new TextDecoder().decode(files['manifest.json']);
    expect(text).not.toMatch(/\{\{/);
    const manifest = JSON.parse(text);
    expect(manifest).toMatchObject({ id: APP_ID, version: packageVersion(), validDomains: ['clause5.plant.example'] });
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.developer.privacyUrl).toBe('https://clause5.plant.example/privacy');

    const color = readPng(files['color.png']!);
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = readPng(files['outline.png']!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    // Teams wants the outline icon white on transparent: every visible pixel is white.
    let visible = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      if (outline.pixels[i + 3] === 0) continue;
      visible++;
      expect([outline.pixels[i], outline.pixels[i + 1], outline.pixels[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(visible).toBeGreaterThan(50);
    expect(outline.pixels[3]).toBe(0); // the corner is transparent
  });

  it('refuses values Teams would reject, naming the fix', () => {
    expect(() => fillManifest({ appId: 'my-bot', host: 'clause5.plant.example' })).toThrow(PackageError);
    expect(() => fillManifest({ appId: APP_ID, host: '0.0.0.0' })).toThrow(/public DNS name/);
    expect(() => fillManifest({ appId: APP_ID, host: 'localhost' })).toThrow(/public DNS name/);
    expect(() => fillManifest({ appId: APP_ID, host: 'clause5.plant.example', version: 'v2' })).toThrow(/1\.0\.0/);
  });
});

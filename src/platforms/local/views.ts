// Plain-text views for the terminal chat: a delivered message with its number, message lists, the
// people list, the local commands' help, saved attachments.
import { mkdirSync, writeFileSync } from 'node:fs';
import { pngName, SVG_MIME, svgToPng } from '../chart-png';
import { join } from 'node:path';
import type { Attachment } from '../../core/model';
import type { Person, Site, Team } from '../../core/people/types';
import { renderMessage, sanitize, type TextRenderOptions } from '../text-render';
import { formatInstant } from './clock-move';
import type { LocalMessage } from './platform';

export const LOCAL_HELP = [
  'Local commands:',
  '  /as <@handle>          act as another person (/people lists them)',
  '  /people                everyone in the demo plant, with handles and roles',
  '  /inbox [@handle]       the messages the bot sent to you (or to that person)',
  '  /channel <name>        the posts in a channel; /channels lists them',
  '  /clock                 the simulated time',
  '  /clock +3d | +2h | +30m | 2026-12-01T08:00',
  '                         move the clock forward; prompts due on the way arrive in order',
  "  /show mine | all       print only your messages as they arrive, or everyone's (the default)",
  '  12.1                   press button 1 of message #12',
  '  /clause5 <command>     any Clause5 command, e.g. /clause5 help (the /clause5 is optional)',
  '  /help, /quit',
];

export function describeRecipient(m: LocalMessage, names: (id: string) => string | undefined): string {
  if (m.to.startsWith('#')) return `in ${sanitize(m.to)}`;
  return `to ${sanitize(names(m.to) ?? m.to)} (DM)`;
}

/** '#12 to Maria Lopez (DM) · Mon 2026-11-23 07:20 America/Chicago' and the message, indented. */
export function renderDelivered(m: LocalMessage, zone: string, render: TextRenderOptions, updated = false): string[] {
  const names = render.names ?? (() => undefined);
  const head = `#${m.seq} ${describeRecipient(m, names)} · ${formatInstant(updated ? (m.updatedAt ?? m.at) : m.at, zone)}${updated ? ' (updated)' : ''}`;
  const body = renderMessage(m.message, { ...render, buttonPrefix: String(m.seq) });
  return [head, ...body.map((line) => `  ${line}`)];
}

export function renderPeople(people: Person[], sites: Site[], teams: Team[], currentId: string): string[] {
  if (people.length === 0) return ['Nobody is here yet. Run `npm run clause5 -- seed-demo` or import a roster.'];
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const rows = people.map((p) => {
    const handle = p.handle ? `@${p.handle}` : p.id;
    const where = [p.siteId ? siteName.get(p.siteId) : undefined, p.teamId ? teamName.get(p.teamId) : undefined].filter(Boolean).join(', ');
    const role = p.role.replace('_', ' ');
    return { marker: p.id === currentId ? '*' : ' ', handle, name: p.displayName, role, where };
  });
  const width = (key: 'handle' | 'name' | 'role') => Math.max(...rows.map((r) => r[key].length));
  const [hw, nw, rw] = [width('handle'), width('name'), width('role')];
  return rows.map((r) => sanitize(`${r.marker} ${r.handle.padEnd(hw)}  ${r.name.padEnd(nw)}  ${r.role.padEnd(rw)}  ${r.where}`.trimEnd()));
}

let savedCount = 0;

/** Writes an attachment into `dir` under a safe, unique name and returns the path. */
export function saveAttachment(dir: string, attachment: Attachment): string {
  mkdirSync(dir, { recursive: true });
  const chart = attachment.mimeType === SVG_MIME;
  const filename = chart ? pngName(attachment.filename) : attachment.filename;
  const safeName = filename.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '') || 'attachment';
  const path = join(dir, `${Date.now()}-${++savedCount}-${safeName}`);
  writeFileSync(path, chart ? svgToPng(attachment.content) : attachment.content);
  return path;
}

/** Up to the last 20 messages, each with its number and recipient. */
export function renderMessageList(messages: LocalMessage[], empty: string, zone: string, render: TextRenderOptions): string[] {
  if (messages.length === 0) return empty ? [empty] : [];
  const shown = messages.slice(-20);
  const lines = shown.length < messages.length ? [`(the last 20 of ${messages.length})`] : [];
  for (const m of shown) lines.push(...renderDelivered(m, zone, render, m.updatedAt !== undefined));
  return lines;
}

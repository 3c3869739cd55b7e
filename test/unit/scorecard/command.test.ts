// "/clause5 scorecard …" through the real bot: who may see what, the chat message and the CSV file.
import { afterEach, describe, expect, it } from 'vitest';
import { plainText, type Block, type Message, type Reply } from '../../../src/core/model';
import { makeTestCore, type TestCore } from '../../support/core';
import { ANN, BEN, CAT, MAX, QUINN, seeder, seedPlant } from './fixture';

let core: TestCore;
afterEach(() => core?.cleanup());

function textOf(message: Message | undefined): string {
  const block = (b: Block): string => {
    if (b.type === 'text' || b.type === 'context') return plainText(b.text);
    if (b.type === 'facts') return b.facts.map((f) => `${f.label}: ${plainText(f.value)}`).join('\n');
    if (b.type === 'list') return b.items.map((i) => plainText(i)).join('\n');
    return '';
  };
  return [message?.heading ?? '', ...(message?.blocks ?? []).map(block)].join('\n');
}

async function ask(personId: string, text: string): Promise<Reply> {
  return core.bot.handleCommand(core.as(personId), `scorecard ${text}`.trim());
}

function setup() {
  core = makeTestCore('2026-12-02T15:00:00Z');
  seedPlant(core);
}

describe('/clause5 scorecard', () => {
  it('shows a leader their own figures by default, as facts with n/a spelled out', async () => {
    setup();
    const reply = await ask(CAT, '2026-11-02..2026-11-29');
    const text = textOf(reply.message);
    expect(reply.message?.heading).toBe('Scorecard: Cat Diaz');
    expect(text).toContain('Meetings opened with a quality update: n/a');
    expect(text).toContain('Floor walks: 1/2 weeks (50 %), streak 1, best 1');
    expect(text).toContain('Wins recognised: 1 over 2 due weeks (50 %)');
    expect(text).toContain('Follow-ups closed on time: n/a, 0 overdue');
    expect(text).toContain('Prompts answered within 48 h: 1/2 (50 %), median 2 h');
    expect(text).toContain('Index: 50 (no previous figure)');
    expect(text).not.toMatch(/\b0 %/);
    expect(text).not.toContain('Not reachable'); // that flag is for managers
    expect(text).not.toContain('Ann Lee');
  });

  it('shows the index with its trend arrow', async () => {
    setup();
    const text = textOf((await ask(ANN, '@ann 2026-11-02..2026-11-29')).message);
    expect(text).toContain('Index: 73 ▲ +27 (previous 46)');
    expect(text).toContain('Meetings opened with a quality update: 7/12 (58 %)');
    expect(text).toContain('Floor walks: 3/3 weeks (100 %), streak 5, best 6');
    expect(text).toContain('Follow-ups closed on time: 2/4 (50 %), 2 overdue');
  });

  it("refuses a leader someone else's scorecard, a site or everyone", async () => {
    setup();
    expect(textOf((await ask(ANN, '@ben')).message)).toContain("Leaders can see only their own scorecard, not Ben Okafor's");
    expect(textOf((await ask(ANN, 'all')).message)).toContain('Only quality managers and admins can see the scorecard for the whole organisation');
    // London Office is a real site with leaders: without the refusal this would be its scorecard.
    const site = (await ask(ANN, 'site "London Office"')).message;
    expect(site?.heading).toBeUndefined();
    expect(textOf(site)).toContain('Only quality managers and admins can see the scorecard for site London Office. Type /clause5 scorecard for your own.');
    expect(textOf((await ask(MAX, '')).message)).toContain('Only a leader, a quality manager or an admin can use /clause5 scorecard. Your role is member.');
  });

  it('gives a quality manager everyone by default, with totals and the people the bot cannot reach', async () => {
    setup();
    const reply = await ask(QUINN, '2026-11-02..2026-11-29');
    const text = textOf(reply.message);
    expect(reply.message?.heading).toBe('Scorecard: all leaders of Acme Plastics');
    expect(text).toContain('Acme Plastics — all sites · 3 leaders');
    expect(text).toContain('Site Chicago Plant · 2 leaders');
    expect(text).toContain('Index: 62 ▲ +39 (previous 23)');
    expect(text).toContain('⚠ Not reachable: Teams app not installed');
    expect(text).toContain('⚠ Also not reachable: Max Roe (user deactivated)');
    expect(reply.message?.summary).toBe('Scorecard for all leaders of Acme Plastics, 2026-11-02 – 2026-11-29: index 62');
    expect(reply.message?.attachment).toBeUndefined();
  });

  it('lets a manager pick one leader, a site (quoted or not) and attach a CSV', async () => {
    setup();
    const one = await ask(QUINN, `@${BEN.split(':')[1]} last-month`);
    expect(one.message?.heading).toBe('Scorecard: Ben Okafor');
    const site = await ask(QUINN, 'site "Chicago Plant" 2026-11-02..2026-11-29 csv');
    const attachment = site.message?.attachment;
    expect(attachment).toMatchObject({ filename: 'clause5-scorecard-2026-11-02_2026-11-29.csv', mimeType: 'text/csv' });
    const lines = attachment!.content.split('\r\n');
    expect(lines[0]).toMatch(/^level,site,leader,leader_id,period_from,period_to,owed_days,/);
    expect(lines.filter((l) => l.startsWith('"leader",'))).toHaveLength(2); // Ann and Cat
    expect(lines.some((l) => l.startsWith('"site","Chicago Plant",'))).toBe(true);
    expect(lines.some((l) => l.startsWith('"org",'))).toBe(false);
    const unquoted = await ask(QUINN, 'site Chicago Plant last-week');
    expect(unquoted.message?.heading).toBe('Scorecard: site Chicago Plant');
  });

  it('explains bad requests: unknown site, non-leader, two targets, bad period', async () => {
    setup();
    expect(textOf((await ask(QUINN, 'site Mars')).message)).toContain("I don't know the site “Mars”. Sites: Chicago Plant, London Office.");
    expect(textOf((await ask(QUINN, '@max')).message)).toContain('Max Roe is not a leader (role: member)');
    expect(textOf((await ask(QUINN, '@ann all')).message)).toContain('Ask for one leader, one site or all at a time');
    expect(textOf((await ask(QUINN, '2026-12-01..2026-11-01')).message)).toContain('ends before it starts');
    expect(textOf((await ask(QUINN, 'fortnight')).message)).toContain("I don't understand the period “fortnight”");
    expect(textOf((await ask(QUINN, '@nobody')).message)).toContain("I don't know anyone called “@nobody”");
  });

  it('keeps a long scorecard within a chat message and points to the CSV for the rest', async () => {
    setup();
    const s = seeder(core);
    for (let i = 0; i < 30; i++) s.person({ id: `local:extra${i}`, name: `Extra ${String(i).padStart(2, '0')}` });
    const reply = await ask(QUINN, 'last-week');
    const blocks = reply.message!.blocks;
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(textOf(reply.message)).toMatch(/\d+ more section\(s\) not shown here. Add “csv” to get the full scorecard as a file./);
    const csv = (await ask(QUINN, 'last-week csv')).message!.attachment!.content;
    expect(csv.split('\r\n').filter((l) => l.startsWith('"leader",'))).toHaveLength(33);
  });

  it('is listed in help under Scorecard', async () => {
    setup();
    const help = textOf((await core.bot.handleCommand(core.as(CAT), 'help scorecard')).message);
    expect(help).toContain('Scorecard');
    expect(help).toContain('/clause5 scorecard [period]');
    const managerHelp = textOf((await core.bot.handleCommand(core.as(QUINN), 'help scorecard')).message);
    expect(managerHelp).toContain('/clause5 scorecard [@leader | site "<name>" | all]');
  });
});

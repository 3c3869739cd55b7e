// Adaptive Card rendering of the core's messages: literal user text, real mentions, Action.Execute
// buttons with verbs, and nothing Teams would refuse or evaluate.
import { describe, expect, it } from 'vitest';
import { message, type Message } from '../../../src/core/model';
import { defuse, escapeMarkdown, mentionName } from '../../../src/platforms/teams/cards/escape';
import { renderMessage, type RenderContext } from '../../../src/platforms/teams/cards/render';
import { byteSize, CARD_BYTE_BUDGET, fitCard } from '../../../src/platforms/teams/cards/size';
import { cardActions, cardText, validateCard } from '../../support/teams-cards';

const TENANT = 't1';
const MARIA = `teams:${TENANT}:11111111-1111-1111-1111-111111111111`;
const context: RenderContext = {
  people: new Map([
    [MARIA, { name: 'Maria <Lopez>', aadObjectId: '11111111-1111-1111-1111-111111111111' }],
    ['local:bob', { name: 'Bob' }],
  ]),
  channelName: (id) => (id === '19:wins@thread.tacv2' ? 'Wins' : undefined),
};
const SNEAKY = '[click](https://evil.example) **bold** ${secret} {{DATE(2026-01-01T00:00:00Z, SHORT)}} <at>Maria</at>\n- item\n1. one';

describe('escaping', () => {
  it('defuses template and date-function openers, invisibly', () => {
    expect(defuse('${a} {{DATE(x)}} {{TIME(y)}}')).not.toMatch(/\$\{|\{\{/);
    expect(defuse('${a}').replace(/\u2060/g, '')).toBe('${a}');
    // Runs of braces: every adjacent pair is broken, not every other one.
    for (const run of ['{{{DATE(2017-02-14T06:08:39Z, SHORT)}}}', '{{{{TIME(x)}}}}', '$${x}', '${{{y}}}']) {
      expect(defuse(run)).not.toMatch(/\$\{|\{\{/);
      expect(escapeMarkdown(run)).not.toMatch(/\$\{|\{\{/);
      expect(defuse(run).replace(/\u2060/g, '')).toBe(run);
    }
  });

  it('escapes every markdown construct Teams renders, and fake mentions', () => {
    const escaped = escapeMarkdown(SNEAKY);
    expect(escaped).toContain('\\[click\\]\\(https://evil.example\\)');
    expect(escaped).toContain('\\*\\*bold\\*\\*');
    expect(escaped).toContain('\\<at\\>Maria\\</at\\>');
    expect(escaped).toContain('\n\\- item');
    expect(escaped).toContain('\n1\\. one');
    expect(escaped).not.toMatch(/\$\{|\{\{/);
  });

  it('keeps a mention name free of markup', () => {
    expect(mentionName('Maria <Lopez> *x*')).toBe('Maria Lopez x');
    expect(mentionName('<>')).toBe('someone');
  });
});

describe('renderMessage', () => {
  const msg: Message = message(
    'Team win',
    [
      { type: 'text', text: ['🎉 ', SNEAKY] },
      { type: 'text', text: [{ mention: MARIA }, ' and ', { mention: 'local:bob' }, ' did it: ', SNEAKY] },
      {
        type: 'facts',
        facts: [
          { label: 'Channel', value: [{ channel: '#19:wins@thread.tacv2' }] },
          { label: 'By', value: [{ mention: MARIA }] },
        ],
      },
      { type: 'divider' },
      { type: 'list', items: [['first ', { bold: 'bold' }], [{ italic: 'second' }]] },
      { type: 'context', text: ['small print'] },
      {
        type: 'buttons',
        buttons: [
          { label: 'Yes', action: 'meeting.answer', value: '{"o":1,"a":"yes"}', style: 'primary' },
          { label: 'No', action: 'meeting.answer', value: '{"o":1,"a":"no"}', style: 'danger' },
        ],
      },
    ],
    'A ${heading}',
  );
  const card = renderMessage(msg, context);

  it('produces a card Teams renders (schema 1.5, verbs, mentions on the card)', () => {
    expect(card.version).toBe('1.5');
    expect(validateCard(card)).toEqual([]);
  });

  it('puts text without mentions in TextRuns, which never parse markdown', () => {
    const first = card.body[1] as any;
    expect(first.type).toBe('RichTextBlock');
    expect(first.inlines[1].text.replace(/\u2060/g, '')).toBe(SNEAKY);
    expect(JSON.stringify(card)).not.toMatch(/\$\{|\{\{/);
  });

  it('mentions Teams people with an entity by Entra object id; others by name only', () => {
    const line = card.body[2] as any;
    expect(line.type).toBe('TextBlock');
    expect(line.text.startsWith('<at>Maria Lopez</at> and **@Bob** did it: \\[click\\]')).toBe(true);
    expect(card.msteams?.entities).toEqual([
      { type: 'mention', text: '<at>Maria Lopez</at>', mentioned: { id: '11111111-1111-1111-1111-111111111111', name: 'Maria Lopez' } },
    ]);
  });

  it('shows channels by name, a divider as a separator, lists and context', () => {
    expect((card.body[3] as any).facts[0]).toEqual({ title: 'Channel', value: '**#Wins**' });
    expect(card.body[4]).toMatchObject({ type: 'Container', separator: true });
    expect(cardText(card)).toContain('small print');
  });

  it('turns buttons into Action.Execute with the action id as verb and the value in data', () => {
    expect(cardActions(card)).toEqual([
      { title: 'Yes', verb: 'meeting.answer', data: { c5: { t: 'a', v: '{"o":1,"a":"yes"}' } } },
      { title: 'No', verb: 'meeting.answer', data: { c5: { t: 'a', v: '{"o":1,"a":"no"}' } } },
    ]);
    const actions = (card.body.find((e) => e.type === 'ActionSet') as any).actions;
    expect(actions.map((a: any) => a.style)).toEqual(['positive', 'destructive']);
  });

  it('shows an attachment (the scorecard CSV) behind a toggle', () => {
    const withCsv = renderMessage({ summary: 's', blocks: [], attachment: { filename: 'scorecard.csv', mimeType: 'text/csv', content: 'a,b\n1,2' } }, context);
    expect(validateCard(withCsv)).toEqual([]);
    expect(JSON.stringify(withCsv)).toContain('Action.ToggleVisibility');
    expect(cardText(withCsv)).toContain('a,b\n1,2');
  });
});

describe('fitCard (Teams refuses messages over ~28 KB)', () => {
  it('leaves small cards alone', () => {
    const card = renderMessage(message('hi', [{ type: 'text', text: ['hello'] }]), context);
    expect(fitCard(card)).toBe(card);
  });

  it('shortens long texts, then drops trailing blocks, keeping the buttons and saying so', () => {
    const blocks: Message['blocks'] = [];
    for (let i = 0; i < 80; i++) blocks.push({ type: 'text', text: [`line ${i} `, 'x'.repeat(1_000)] });
    blocks.push({ type: 'buttons', buttons: [{ label: 'Done', action: 'followup.done', value: '7' }] });
    const card = fitCard(renderMessage(message('long', blocks), context));
    expect(byteSize(card)).toBeLessThanOrEqual(CARD_BYTE_BUDGET);
    expect(validateCard(card)).toEqual([]);
    expect(cardActions(card)).toEqual([{ title: 'Done', verb: 'followup.done', data: { c5: { t: 'a', v: '7' } } }]);
    expect(cardText(card)).toContain('line 0 ');
    expect(cardText(card)).toContain('shortened');
  });

  it('clips a single huge text', () => {
    const card = fitCard(renderMessage(message('huge', [{ type: 'text', text: ['y'.repeat(60_000)] }]), context));
    expect(byteSize(card)).toBeLessThanOrEqual(CARD_BYTE_BUDGET);
    expect(cardText(card)).toContain('…');
  });
});

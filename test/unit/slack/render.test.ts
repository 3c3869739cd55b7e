// The renderer's output is checked by the fake Slack's own validator (written separately from the
// renderer), so "fits Slack" means what Slack would accept, not what the renderer believes.
import { describe, expect, it } from 'vitest';
import type { Block, Message } from '../../../src/core/model';
import { coreActionOf, renderBlocks, summaryText } from '../../../src/platforms/slack/render';
import { checkMessage, liveTokens } from '../../support/fake-slack-blocks';

function accepted(message: Message): any[] {
  const blocks = renderBlocks(message);
  expect(checkMessage({ text: summaryText(message), blocks })).toEqual([]);
  return blocks;
}

describe('renderBlocks', () => {
  it('escapes plain spans and keeps only mentions and channels live', () => {
    const blocks = accepted({
      summary: 'Win <!channel>',
      blocks: [
        { type: 'text', text: ['<!channel> <@U999> <https://evil|https://good> & ', { mention: 'slack:T1:U2' }, ' in ', { channel: 'C123' }] },
        { type: 'facts', facts: [{ label: '<b>', value: [{ bold: '<!here>' }] }] },
      ],
    });
    expect(liveTokens(blocks)).toEqual(['<@U2>', '<#C123>']);
    expect(summaryText({ summary: 'Win <!channel>', blocks: [] })).toBe('Win &lt;!channel&gt;');
  });

  it('gives notifications the heading or the first paragraph, with mentions as Slack mentions, never internal ids', () => {
    const note: Message = {
      summary: 'Updated @slack:T1:U2: site Plant 1.',
      blocks: [{ type: 'text', text: ['Updated ', { mention: 'slack:T1:U2' }, ': site <Plant 1>.'] }],
    };
    expect(summaryText(note)).toBe('Updated <@U2>: site &lt;Plant 1&gt;.');
    expect(summaryText({ ...note, heading: 'Did you open <Line 3> with a quality update?' })).toBe('Did you open &lt;Line 3&gt; with a quality update?');
  });

  it('shows people of other platforms as text, not as a Slack mention', () => {
    const blocks = accepted({ summary: 's', blocks: [{ type: 'text', text: [{ mention: 'local:maria' }] }] });
    expect(liveTokens(blocks)).toEqual([]);
    expect(JSON.stringify(blocks)).toContain('@maria');
  });

  it('cuts to 50 blocks and says so', () => {
    const many: Block[] = Array.from({ length: 70 }, (_, i) => ({ type: 'text', text: [`line ${i}`] }));
    const blocks = accepted({ summary: 'many', blocks: many });
    expect(blocks).toHaveLength(50);
    expect(JSON.stringify(blocks.at(-1))).toContain('21 more parts were left out');
  });

  it('splits long text into sections under 3000 characters without breaking emoji', () => {
    const long = '🙂 word '.repeat(1200); // 9600 units
    const blocks = accepted({ summary: 'long', blocks: [{ type: 'text', text: [long] }] });
    expect(blocks.length).toBeGreaterThan(3);
    for (const b of blocks) expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(b.text.text)).toBe(false);
    expect(
      blocks
        .map((b) => b.text.text)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ).toBe(long.trim());
  });

  it('splits more than 10 facts over several sections and cuts long values', () => {
    const facts = Array.from({ length: 23 }, (_, i) => ({ label: `F${i}`, value: ['x'.repeat(2500)] }));
    const blocks = accepted({ summary: 'facts', blocks: [{ type: 'facts', facts }] });
    expect(blocks.map((b) => b.fields.length)).toEqual([10, 10, 3]);
  });

  it('gives every button a unique action id that maps back to the core action, and cuts long labels', () => {
    const blocks = accepted({
      summary: 'q',
      blocks: [
        {
          type: 'buttons',
          buttons: [
            { label: 'Yes', action: 'meeting.answer', value: '{"a":"yes"}', style: 'primary' },
            { label: 'No'.padEnd(120, '!'), action: 'meeting.answer', value: '{"a":"no"}' },
          ],
        },
      ],
    });
    const ids = blocks[0].elements.map((e: any) => e.action_id);
    expect(new Set(ids).size).toBe(2);
    expect(ids.map(coreActionOf)).toEqual(['meeting.answer', 'meeting.answer']);
    expect(blocks[0].elements[1].text.text.length).toBeLessThanOrEqual(75);
  });

  it('drops empty text blocks instead of sending an empty text Slack refuses', () => {
    const blocks = accepted({
      summary: 'only',
      blocks: [
        { type: 'text', text: [''] },
        { type: 'list', items: [] },
      ],
    });
    expect(blocks).toHaveLength(1);
    expect(blocks[0].text.text).toBe('only');
  });
});

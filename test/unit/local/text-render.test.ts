import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/core/model';
import { buttonsOf, renderMessage, sanitize } from '../../../src/platforms/text-render';

const names = (id: string) => ({ 'local:maria': 'Maria Lopez' })[id];

describe('plain-text rendering of the neutral message model', () => {
  it('renders heading, paragraphs, facts, lists, context, divider and numbered buttons', () => {
    const m: Message = {
      summary: 'Check',
      heading: 'Did you open Line 3 daily with a quality update?',
      blocks: [
        { type: 'text', text: ['Hello ', { mention: 'local:maria' }, ', see ', { channel: 'wins' }, ' and ', { bold: 'this' }] },
        {
          type: 'facts',
          facts: [
            { label: 'When', value: ['Mon 07:30'] },
            { label: 'Owner', value: [{ mention: 'slack:T1:U9' }] },
          ],
        },
        { type: 'list', items: [['first'], ['second']] },
        { type: 'divider' },
        { type: 'context', text: [{ italic: 'small print' }] },
        {
          type: 'buttons',
          buttons: [
            { label: 'Yes', action: 'a', value: '1' },
            { label: 'No', action: 'a', value: '2' },
          ],
        },
        { type: 'buttons', buttons: [{ label: 'Later', action: 'b', value: '3' }] },
      ],
    };
    expect(renderMessage(m, { names, buttonPrefix: '12' })).toEqual([
      '== Did you open Line 3 daily with a quality update? ==',
      'Hello @Maria Lopez, see #wins and this',
      'When: Mon 07:30',
      'Owner: @U9',
      '  • first',
      '  • second',
      '----------',
      '  small print',
      '[12.1 Yes] [12.2 No]',
      '[12.3 Later]',
    ]);
    expect(buttonsOf(m).map((b) => b.label)).toEqual(['Yes', 'No', 'Later']);
  });

  it('strips terminal control sequences from user text but keeps new lines', () => {
    const evil = 'Win!\u001b[2J\u001b]0;pwned\u0007 done\r\nnext';
    const lines = renderMessage({ summary: 's', blocks: [{ type: 'text', text: [evil] }] });
    expect(lines).toEqual(['Win![2J]0;pwned done', 'next']);
    expect(lines.join('')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(sanitize('a\u009b31mb')).toBe('a31mb');
  });

  it('falls back to the summary when there are no blocks, and prints or saves attachments', () => {
    expect(renderMessage({ summary: 'Just this', blocks: [] })).toEqual(['Just this']);
    const withCsv: Message = { summary: 'Scorecard', blocks: [], attachment: { filename: 'score.csv', mimeType: 'text/csv', content: 'a,b\n1,2\n' } };
    expect(renderMessage(withCsv)).toEqual(['Scorecard', 'Attachment score.csv:', '  | a,b', '  | 1,2']);
    const saved: string[] = [];
    const lines = renderMessage(withCsv, { saveAttachment: (a) => (saved.push(a.filename), '/tmp/x/score.csv'), inlineAttachmentLines: 1 });
    expect(saved).toEqual(['score.csv']);
    expect(lines).toEqual(['Scorecard', 'Attachment score.csv saved to /tmp/x/score.csv']);
  });
});

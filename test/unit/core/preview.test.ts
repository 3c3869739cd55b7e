import { describe, expect, it } from 'vitest';
import { message, note, previewText } from '../../../src/core/model';

const names = (id: string) => (id === 'teams:t1:abc' ? 'Bob Stone' : 'someone');

describe('notification previews', () => {
  it('use the heading when there is one', () => {
    expect(previewText(message('s', [{ type: 'text', text: ['body'] }], 'Did you walk the floor this week?'), names)).toBe('Did you walk the floor this week?');
  });

  it('otherwise name people in the first paragraph instead of showing internal ids', () => {
    const m = note('Updated ', { mention: 'teams:t1:abc' }, ': site Plant 1.');
    expect(m.summary).toContain('teams:t1:abc');
    expect(previewText(m, names)).toBe('Updated @Bob Stone: site Plant 1.');
  });

  it('fall back to the summary when there is no paragraph', () => {
    expect(previewText(message('Only facts', [{ type: 'facts', facts: [] }]), names)).toBe('Only facts');
  });
});

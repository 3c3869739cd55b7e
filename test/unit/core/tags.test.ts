import { describe, expect, it } from 'vitest';
import { BUILT_IN_TAGS, normaliseTags, pickTags, tagOptions, TOPIC_TAGS } from '../../../src/core/tags';

const objectives = [
  { code: 'OTD', title: 'On-time delivery above 98 %' },
  { code: 'Safety', title: 'An objective that shares a built-in name' },
];

describe('the one tag list', () => {
  it('offers the built-ins then the objectives (or the other way round), each objective once', () => {
    expect(tagOptions(objectives).map((o) => o.value)).toEqual(['defect-reduction', 'customer', 'safety', 'cost', '5S', 'OTD']);
    expect(tagOptions(objectives, { builtIns: TOPIC_TAGS, objectivesFirst: true }).map((o) => o.value)).toEqual([
      'OTD',
      'defect-reduction',
      'customer',
      'safety',
      'cost',
    ]);
    expect(tagOptions([{ code: 'X', title: 'y'.repeat(100) }]).at(-1)!.label).toHaveLength(75);
    expect(BUILT_IN_TAGS.map((t) => t.label)).toEqual(['Defect reduction', 'Customer', 'Safety', 'Cost', '5S']);
  });

  it('normalises typed win tags: aliases, objective codes in their stored case, free tags lower-cased', () => {
    expect(normaliseTags(['#5s', '#defects', 'otd', '#Kaizen', 'costs', '#5S', '#quality', ''], objectives)).toEqual({
      tags: ['5S', 'defect-reduction', 'OTD', 'kaizen', 'cost'],
      invalid: [],
      renamed: [
        { typed: 'defects', tag: 'defect-reduction' },
        { typed: 'costs', tag: 'cost' },
        { typed: 'quality', tag: 'defect-reduction' },
      ],
    });
    expect(normaliseTags(['#!!', 'a b'], []).invalid).toEqual(['#!!', 'a b']);
  });

  it('picks only offered tags for walks and meeting topics, by value, alias or with a #', () => {
    const options = tagOptions([objectives[0]!], { builtIns: TOPIC_TAGS });
    expect(pickTags(['#SAFETY', 'defects', 'otd', 'safety'], options)).toEqual({ tags: ['safety', 'defect-reduction', 'OTD'], unknown: [] });
    expect(pickTags(['5s', 'kaizen'], options)).toEqual({ tags: [], unknown: ['5s', 'kaizen'] });
  });
});

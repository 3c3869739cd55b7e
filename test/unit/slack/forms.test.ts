import { describe, expect, it } from 'vitest';
import type { Form } from '../../../src/core/model';
import { readMetadata, readSubmission, renderModal, viewErrors } from '../../../src/platforms/slack/forms';
import { checkView, liveTokens } from '../../support/fake-slack-blocks';

const form: Form = {
  id: 'floorwalk.log',
  title: 'Log a floor walk on the production floor today', // longer than Slack's 24
  submitLabel: 'Save the walk notes please',
  intro: ['Typed by <!channel> & co'],
  fields: [
    { id: 'area', label: 'Area', kind: 'text', maxLength: 120, initial: 'Line 3' },
    { id: 'date', label: 'Date', kind: 'date', initial: '2026-11-20' },
    { id: 'notes', label: 'Notes', kind: 'textarea', optional: true, hint: 'Anything' },
    { id: 'team', label: 'Team', kind: 'select', options: [{ value: '1', label: 'Assembly' }], initial: '1' },
    {
      id: 'tags',
      label: 'Tags',
      kind: 'multiselect',
      optional: true,
      options: [
        { value: 'safety', label: 'Safety' },
        { value: 'cost', label: 'Cost' },
      ],
      initial: ['cost'],
    },
    { id: 'owner', label: 'Owner', kind: 'person', initial: '@slack:T1:U7' },
    { id: 'people', label: 'People', kind: 'people', optional: true, initial: ['slack:T1:U8', 'local:x'] },
    { id: 'empty', label: 'No options', kind: 'select', options: [] },
  ],
  state: '{"prompt":5}',
};

describe('renderModal', () => {
  it('makes a modal Slack accepts, with block ids = field ids and cut titles', () => {
    const view = renderModal(form, { channel: 'D1', ts: '1.2' });
    expect(checkView(view)).toEqual([]);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.submit!.text.length).toBeLessThanOrEqual(24);
    expect(view.callback_id).toBe('floorwalk.log');
    const inputs = view.blocks.filter((b) => b.type === 'input') as any[];
    expect(inputs.map((b) => b.block_id)).toEqual(['area', 'date', 'notes', 'team', 'tags', 'owner', 'people', 'empty']);
    expect(inputs.find((b) => b.block_id === 'owner').element.initial_user).toBe('U7');
    expect(inputs.find((b) => b.block_id === 'people').element.initial_users).toEqual(['U8']);
    expect(inputs.find((b) => b.block_id === 'empty').element.type).toBe('plain_text_input');
    expect(liveTokens(view)).toEqual([]);
    expect(readMetadata(view.private_metadata)).toEqual({ s: '{"prompt":5}', o: { channel: 'D1', ts: '1.2' } });
  });

  it('refuses a state that does not fit private_metadata', () => {
    expect(() => renderModal({ ...form, state: 'x'.repeat(3000) })).toThrow(/characters/);
  });
});

describe('readSubmission', () => {
  it('reads each element type into the core’s values, people as @person ids', () => {
    const values = readSubmission(
      {
        area: { area: { type: 'plain_text_input', value: '  Line 4 ' } },
        notes: { notes: { type: 'plain_text_input', value: null } },
        date: { date: { type: 'datepicker', selected_date: '2026-11-21' } },
        team: { team: { type: 'static_select', selected_option: { value: '1' } } },
        tags: { tags: { type: 'multi_static_select', selected_options: [{ value: 'safety' }] } },
        owner: { owner: { type: 'users_select', selected_user: 'U7' } },
        people: { people: { type: 'multi_users_select', selected_users: ['U8', 'U9'] } },
      },
      'T1',
    );
    expect(values).toEqual({
      area: 'Line 4',
      notes: undefined,
      date: '2026-11-21',
      team: '1',
      tags: ['safety'],
      owner: '@slack:T1:U7',
      people: ['@slack:T1:U8', '@slack:T1:U9'],
    });
  });
});

describe('viewErrors', () => {
  it('maps field errors to input blocks, unknown fields to the first input', () => {
    const view = renderModal(form);
    expect(viewErrors({ date: 'Too old', nope: 'Odd' }, view)).toEqual({ date: 'Too old', area: 'Odd' });
  });
});

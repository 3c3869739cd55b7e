// A core Form as an Adaptive Card and back: every field kind, errors under their fields with the
// submitted values kept, and the people picker's Entra object ids turned into person ids.
import { describe, expect, it } from 'vitest';
import type { Form } from '../../../src/core/model';
import { inputId, isFormData, readFormValues, renderForm } from '../../../src/platforms/teams/cards/form';
import { cardActions, cardText, validateCard } from '../../support/teams-cards';

const TENANT = 'tenant-1';
const ANN = `teams:${TENANT}:aaaaaaaa-0000-4000-8000-000000000001`;
const form: Form = {
  id: 'demo.form',
  title: 'Log ${x}',
  submitLabel: 'Save',
  intro: ['Tell me ', { bold: 'everything' }],
  fields: [
    { id: 'area', label: 'Area', kind: 'text', maxLength: 200, placeholder: 'Line 3' },
    { id: 'notes', label: 'Notes', kind: 'textarea', optional: true },
    { id: 'date', label: 'Date', kind: 'date', initial: '2026-11-27', hint: 'Today or earlier' },
    {
      id: 'kind',
      label: 'Kind',
      kind: 'select',
      options: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
      ],
    },
    {
      id: 'tags',
      label: 'Tags',
      kind: 'multiselect',
      optional: true,
      options: [
        { value: 'safety', label: 'Safety' },
        { value: 'cost', label: 'Cost' },
      ],
    },
    { id: 'owner', label: 'Owner', kind: 'person', optional: true, initial: ANN },
    { id: 'people', label: 'People', kind: 'people', optional: true },
  ],
  state: '{"p":12}',
};
const context = { people: new Map() };

describe('renderForm', () => {
  const card = renderForm(form, context, { names: (id) => (id === ANN ? 'Ann' : undefined) });

  it('renders a card Teams accepts, one input per field with the field id', () => {
    expect(validateCard(card)).toEqual([]);
    const inputs = JSON.stringify(card);
    for (const f of form.fields) expect(inputs).toContain(`"id":"${inputId(f.id)}"`);
    expect(card.body.find((e) => e.id === 'f_owner')).toMatchObject({
      type: 'Input.ChoiceSet',
      'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
      value: 'aaaaaaaa-0000-4000-8000-000000000001',
      choices: [{ title: 'Ann', value: 'aaaaaaaa-0000-4000-8000-000000000001' }],
    });
    expect(card.body.find((e) => e.id === 'f_tags')).toMatchObject({ isMultiSelect: true });
    expect(card.body.find((e) => e.id === 'f_area')).toMatchObject({ isRequired: true, maxLength: 200 });
    expect(card.body.find((e) => e.id === 'f_notes')).toMatchObject({ isRequired: false, isMultiline: true });
  });

  it('submits with Action.Execute, the form id as verb, and the form itself in the data', () => {
    const [submit] = cardActions(card);
    expect(submit).toMatchObject({ title: 'Save', verb: 'demo.form' });
    expect(isFormData(submit!.data)).toBe(true);
    expect(submit!.data.c5.form).toEqual(form);
    // What Teams shows is defused; the data rides along unrendered, exactly as the core made it.
    expect(cardText(card)).not.toMatch(/\$\{/);
  });

  it('shows errors under their fields and keeps what was typed', () => {
    const again = renderForm(form, context, {
      values: { area: 'Press ${4}', tags: ['cost'] },
      errors: { area: 'Say which area.', date: 'Not in the future.' },
    });
    expect(validateCard(again)).toEqual([]);
    const ids = again.body.map((e) => (e.id as string | undefined) ?? (e.color === 'Attention' ? `error:${e.text}` : e.type));
    expect(ids.indexOf('error:Say which area.')).toBe(ids.indexOf('f_area') + 1);
    expect(ids.indexOf('error:Not in the future.')).toBeGreaterThan(ids.indexOf('f_date'));
    expect(cardText(again)).toContain('Please check the fields marked below.');
    expect(again.body.find((e) => e.id === 'f_area')).toMatchObject({ value: 'Press ${4}' }); // input values are not rendered text
    expect(again.body.find((e) => e.id === 'f_tags')).toMatchObject({ value: 'cost' });
  });
});

describe('readFormValues', () => {
  it('reads what Teams merges into the action data', () => {
    const values = readFormValues(
      form,
      {
        c5: { t: 'f', form },
        f_area: '  Line 3 ',
        f_date: '2026-11-27',
        f_kind: 'b',
        f_tags: 'safety,cost',
        f_owner: 'AAAAAAAA-0000-4000-8000-000000000001',
        f_people: 'aaaaaaaa-0000-4000-8000-000000000001,bbbbbbbb-0000-4000-8000-000000000002',
      },
      TENANT,
    );
    expect(values).toEqual({
      area: 'Line 3',
      notes: '',
      date: '2026-11-27',
      kind: 'b',
      tags: ['safety', 'cost'],
      owner: ANN,
      people: [ANN, `teams:${TENANT}:bbbbbbbb-0000-4000-8000-000000000002`],
    });
  });

  it('treats missing inputs as empty and ignores anything that is not a field', () => {
    expect(readFormValues(form, { f_evil: 'x', area: 'not prefixed' }, TENANT)).toEqual({
      area: '',
      notes: '',
      date: '',
      kind: '',
      tags: [],
      owner: '',
      people: [],
    });
    expect(isFormData({ c5: { t: 'a', v: '1' } })).toBe(false);
    expect(isFormData({ c5: { t: 'f', form: { id: 'x' } } })).toBe(false);
  });
});

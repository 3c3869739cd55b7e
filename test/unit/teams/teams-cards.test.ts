// The Adaptive Card checker the fake connector uses refuses what Teams refuses, wherever on the card
// it is: each case breaks one rule inside one kind of container and names the problem expected.
import { describe, expect, it } from 'vitest';
import { validateCard } from '../../support/teams-cards';

const card = (body: unknown[], extra: object = {}) => ({ type: 'AdaptiveCard', version: '1.5', body, ...extra });
const text = (t: string) => ({ type: 'TextBlock', text: t });
const noId = { type: 'Input.Text', label: 'Area' };
const noVerb = { type: 'Action.Execute', title: 'Save' };

describe('validateCard', () => {
  it('accepts a card using every container correctly', () => {
    const ok = card(
      [
        text('Hello'),
        { type: 'Container', items: [{ type: 'Input.Text', id: 'a' }] },
        { type: 'ColumnSet', columns: [{ type: 'Column', items: [{ type: 'Input.Date', id: 'b' }] }] },
        { type: 'Table', columns: [{ width: 1 }], rows: [{ type: 'TableRow', cells: [{ type: 'TableCell', items: [text('cell')] }] }] },
        { type: 'ActionSet', actions: [{ type: 'Action.Execute', verb: 'x', title: 'Go' }] },
      ],
      { actions: [{ type: 'Action.ShowCard', title: 'More', card: { type: 'AdaptiveCard', version: '1.5', body: [text('inside')] } }] },
    );
    expect(validateCard(ok)).toEqual([]);
  });

  it('refuses what is not an Adaptive Card, and versions above 1.5', () => {
    expect(validateCard({ type: 'HeroCard' })).toEqual(['not an AdaptiveCard']);
    expect(validateCard(card([text('x')], { version: '1.6' }))).toEqual(['card version 1.6 is above 1.5']);
  });

  it('refuses an unknown element type at the top and an unknown action type', () => {
    expect(validateCard(card([{ type: 'Carousel' }]))).toEqual(['unknown element type Carousel']);
    expect(validateCard(card([text('x')], { actions: [{ type: 'Action.Popover' }] }))).toEqual(['unknown action type Action.Popover']);
  });

  it('refuses an input without an id, and duplicate ids, inside a Container', () => {
    expect(validateCard(card([{ type: 'Container', items: [noId] }]))).toEqual(['Input.Text without an id']);
    const dup = card([
      { type: 'Input.Text', id: 'a' },
      { type: 'Container', items: [{ type: 'Input.Toggle', id: 'a' }] },
    ]);
    expect(validateCard(dup)).toEqual(['duplicate input id a']);
  });

  it('looks inside ColumnSet columns', () => {
    expect(validateCard(card([{ type: 'ColumnSet', columns: [{ type: 'Column', items: [noId] }] }]))).toEqual(['Input.Text without an id']);
  });

  it('looks inside Table rows and cells, and refuses rows and cells of the wrong type', () => {
    const table = (rows: unknown[]) => card([{ type: 'Table', columns: [{ width: 1 }], rows }]);
    expect(validateCard(table([{ type: 'TableRow', cells: [{ type: 'TableCell', items: [noId] }] }]))).toEqual(['Input.Text without an id']);
    expect(validateCard(table([{ type: 'TableRow', cells: [{ type: 'TableCell', items: [{ type: 'Marquee' }] }] }]))).toEqual(['unknown element type Marquee']);
    expect(validateCard(table([{ type: 'Container', items: [] }]))).toEqual(['unknown element type Container (a Table row must be a TableRow)']);
    expect(validateCard(table([{ type: 'TableRow', cells: [text('bare')] }]))).toEqual([
      'unknown element type TextBlock (a TableRow cell must be a TableCell)',
    ]);
  });

  it('refuses Action.Execute without a verb in an ActionSet, a select action and the card actions', () => {
    expect(validateCard(card([{ type: 'ActionSet', actions: [noVerb] }]))).toEqual(['Action.Execute without a verb']);
    expect(validateCard(card([{ type: 'Container', items: [text('x')], selectAction: noVerb }]))).toEqual(['Action.Execute without a verb']);
    expect(validateCard(card([text('x')], { actions: [noVerb] }))).toEqual(['Action.Execute without a verb']);
  });

  it('looks inside the card of an Action.ShowCard', () => {
    const inner = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Table', rows: [{ type: 'TableRow', cells: [{ type: 'TableCell', items: [noId] }] }] }],
    };
    expect(validateCard(card([{ type: 'ActionSet', actions: [{ type: 'Action.ShowCard', title: 'CSV', card: inner }] }]))).toEqual([
      'Input.Text without an id',
    ]);
  });

  it('refuses a mention whose <at> text is on no TextBlock or fact, or that names no one', () => {
    const entities = (e: unknown[]) => ({ msteams: { entities: e } });
    expect(validateCard(card([text('well done <at>Bob</at>')], entities([{ type: 'mention', text: '<at>Bob</at>', mentioned: { id: 'aad-bob' } }])))).toEqual(
      [],
    );
    expect(validateCard(card([text('well done')], entities([{ type: 'mention', text: '<at>Bob</at>', mentioned: { id: 'aad-bob' } }])))).toEqual([
      'mention <at>Bob</at> is not in any TextBlock or FactSet',
    ]);
    expect(validateCard(card([text('<at>Bob</at>')], entities([{ type: 'mention', text: '<at>Bob</at>', mentioned: {} }])))).toEqual([
      'mention entity without mentioned.id',
    ]);
  });
});

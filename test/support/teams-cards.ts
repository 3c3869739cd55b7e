// What Teams refuses to render in an Adaptive Card, checked by the fake connector and by tests:
// schema versions above 1.5, Action.Execute without a verb, inputs without (or with duplicate)
// ids, element types Teams does not know, and mention entities whose '<at>' text is not on the card.
// It walks every container: Container and Column items, ColumnSet columns, Table rows and cells,
// ActionSet actions, select actions and the card inside an Action.ShowCard.

const MAX_VERSION = 1.5;
const ELEMENTS = new Set([
  'TextBlock',
  'RichTextBlock',
  'Image',
  'Media',
  'Container',
  'ColumnSet',
  'Column',
  'FactSet',
  'ImageSet',
  'ActionSet',
  'Table',
  'Input.Text',
  'Input.Number',
  'Input.Date',
  'Input.Time',
  'Input.Toggle',
  'Input.ChoiceSet',
]);
const ACTIONS = new Set(['Action.Execute', 'Action.Submit', 'Action.OpenUrl', 'Action.ShowCard', 'Action.ToggleVisibility']);

export function validateCard(card: any): string[] {
  const problems: string[] = [];
  if (card?.type !== 'AdaptiveCard') return ['not an AdaptiveCard'];
  const version = Number(card.version);
  if (!Number.isFinite(version) || version > MAX_VERSION) problems.push(`card version ${card.version} is above ${MAX_VERSION}`);
  const inputIds = new Set<string>();
  const texts: string[] = [];
  const visitAction = (action: any) => {
    if (!ACTIONS.has(action?.type)) problems.push(`unknown action type ${action?.type}`);
    if (action?.type === 'Action.Execute' && (typeof action.verb !== 'string' || !action.verb)) problems.push('Action.Execute without a verb');
    if (action?.type === 'Action.ShowCard') problems.push(...validateCard(action.card));
    if (action?.type === 'Action.OpenUrl' && !/^https?:\/\//.test(String(action.url ?? ''))) problems.push('Action.OpenUrl without an http(s) url');
  };
  const visit = (element: any) => {
    if (!element || typeof element !== 'object') return;
    if (!ELEMENTS.has(element.type)) problems.push(`unknown element type ${element.type}`);
    if (String(element.type).startsWith('Input.')) {
      if (typeof element.id !== 'string' || !element.id) problems.push(`${element.type} without an id`);
      else if (inputIds.has(element.id)) problems.push(`duplicate input id ${element.id}`);
      else inputIds.add(element.id);
    }
    if (element.type === 'TextBlock' && typeof element.text === 'string') texts.push(element.text);
    if (element.type === 'FactSet') for (const f of element.facts ?? []) texts.push(String(f.title), String(f.value));
    for (const child of childrenOf(element)) visit(child);
    for (const action of element.actions ?? []) visitAction(action);
    if (element.selectAction) visitAction(element.selectAction);
  };
  for (const element of card.body ?? []) visit(element);
  for (const action of card.actions ?? []) visitAction(action);
  for (const entity of card.msteams?.entities ?? []) {
    if (entity?.type !== 'mention') continue;
    if (!entity.mentioned?.id) problems.push('mention entity without mentioned.id');
    if (!texts.some((t) => t.includes(entity.text))) problems.push(`mention ${entity.text} is not in any TextBlock or FactSet`);
  }
  return problems;
}

/** The elements inside a container: Container/Column items, ColumnSet columns, Table rows → cells → items. */
function childrenOf(element: any): any[] {
  const cells = (element.rows ?? []).flatMap((row: any) => {
    if (row?.type !== 'TableRow') return [{ type: `${row?.type} (a Table row must be a TableRow)` }];
    return (row.cells ?? []).flatMap((cell: any) =>
      cell?.type === 'TableCell' ? (cell.items ?? []) : [{ type: `${cell?.type} (a TableRow cell must be a TableCell)` }],
    );
  });
  // A Table's columns are column definitions ({ width }), not elements.
  return [...(element.items ?? []), ...(element.type === 'Table' ? [] : (element.columns ?? [])), ...cells];
}

/** Every piece of visible text on a card, in order (TextBlocks, TextRuns, facts, action titles). */
export function cardText(card: any): string {
  const out: string[] = [];
  const visit = (e: any) => {
    if (!e || typeof e !== 'object') return;
    if (typeof e.text === 'string' && (e.type === 'TextBlock' || e.type === 'TextRun')) out.push(e.text);
    if (e.type === 'FactSet') for (const f of e.facts ?? []) out.push(`${f.title}: ${f.value}`);
    if (typeof e.label === 'string') out.push(e.label);
    for (const c of [...(e.inlines ?? []), ...(e.items ?? []), ...(e.columns ?? [])]) visit(c);
    for (const a of e.actions ?? []) if (typeof a.title === 'string') out.push(`[${a.title}]`);
  };
  for (const e of card?.body ?? []) visit(e);
  return out.join('\n');
}

/** Every Action.Execute on a card. */
export function cardActions(card: any): Array<{ title: string; verb: string; data: any }> {
  const out: Array<{ title: string; verb: string; data: any }> = [];
  const visit = (e: any) => {
    if (!e || typeof e !== 'object') return;
    for (const a of e.actions ?? []) if (a.type === 'Action.Execute') out.push({ title: a.title, verb: a.verb, data: a.data });
    for (const c of [...(e.items ?? []), ...(e.columns ?? [])]) visit(c);
  };
  for (const e of card?.body ?? []) visit(e);
  return out;
}

/** The Adaptive Card of a connector activity, if it carries one. */
export function cardOf(activity: any): any {
  return activity?.attachments?.find((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

// What Slack refuses, written independently of our renderer so the fake catches its mistakes:
// Block Kit limits for messages, modals and App Home views. Returns the problems found (empty = ok).
type Obj = Record<string, unknown>;

const MESSAGE_BLOCK_TYPES = new Set(['section', 'divider', 'header', 'context', 'actions', 'image', 'rich_text']);
const VIEW_BLOCK_TYPES = new Set([...MESSAGE_BLOCK_TYPES, 'input']);
const SELECTS = ['static_select', 'external_select', 'users_select', 'conversations_select', 'channels_select'];
const ACTION_ELEMENT_TYPES = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'overflow',
  'radio_buttons',
  'timepicker',
  'workflow_button',
  ...SELECTS,
  ...SELECTS.map((t) => `multi_${t}`),
]);
const ACCESSORY_TYPES = new Set([...ACTION_ELEMENT_TYPES, 'image']);

export function checkMessage(args: Obj): string[] {
  const problems: string[] = [];
  const blocks = parseBlocks(args.blocks, problems);
  const text = typeof args.text === 'string' ? args.text : '';
  if (!blocks?.length && !text.trim()) problems.push('no_text: a message needs text or blocks');
  if (blocks) problems.push(...checkBlocks(blocks, 50, MESSAGE_BLOCK_TYPES));
  return problems;
}

export function checkView(view: unknown): string[] {
  const problems: string[] = [];
  const v = (typeof view === 'string' ? safeJson(view) : view) as Obj | undefined;
  if (!v || typeof v !== 'object') return ['invalid_arguments: view must be an object'];
  const blocks = parseBlocks(v.blocks, problems) ?? [];
  if (v.type === 'modal') {
    const hasInput = blocks.some((b) => b.type === 'input');
    problems.push(...plainText(v.title, 'title', 24, true));
    problems.push(...plainText(v.submit, 'submit', 24, hasInput));
    problems.push(...plainText(v.close, 'close', 24, false));
    if (typeof v.callback_id === 'string' && v.callback_id.length > 255) problems.push('callback_id longer than 255');
  } else if (v.type !== 'home') {
    problems.push(`unknown view type ${String(v.type)}`);
  }
  if (typeof v.private_metadata === 'string' && v.private_metadata.length > 3000) problems.push('private_metadata longer than 3000');
  problems.push(...checkBlocks(blocks, 100, VIEW_BLOCK_TYPES));
  return problems;
}

function parseBlocks(raw: unknown, problems: string[]): Obj[] | undefined {
  if (raw === undefined) return undefined;
  const value = typeof raw === 'string' ? safeJson(raw) : raw;
  if (!Array.isArray(value)) {
    problems.push('blocks must be an array');
    return undefined;
  }
  return value as Obj[];
}

function checkBlocks(blocks: Obj[], max: number, allowed: Set<string>): string[] {
  const problems: string[] = [];
  if (blocks.length > max) problems.push(`more than ${max} blocks (${blocks.length})`);
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  blocks.forEach((block, i) => {
    const where = `blocks[${i}]`;
    const type = String(block.type);
    if (!allowed.has(type)) problems.push(`${where}: ${type} blocks are not allowed here`);
    if (typeof block.block_id === 'string') {
      if (block.block_id.length > 255) problems.push(`${where}: block_id longer than 255`);
      if (blockIds.has(block.block_id)) problems.push(`${where}: duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    const action = (id: unknown) => {
      if (typeof id !== 'string' || !id) return problems.push(`${where}: element without action_id`);
      if (id.length > 255) problems.push(`${where}: action_id longer than 255`);
      if (actionIds.has(id)) problems.push(`${where}: duplicate action_id ${id}`);
      actionIds.add(id);
    };
    switch (type) {
      case 'section': {
        if (block.text === undefined && block.fields === undefined) problems.push(`${where}: section needs text or fields`);
        if (block.accessory !== undefined) {
          const accessory = block.accessory as Obj;
          if (!ACCESSORY_TYPES.has(String(accessory?.type))) problems.push(`${where}.accessory: ${String(accessory?.type)} cannot be an accessory`);
          else if (accessory.type === 'image') problems.push(...imageElement(accessory, `${where}.accessory`));
          else {
            action(accessory.action_id);
            problems.push(...checkElement(accessory, `${where}.accessory`));
          }
        }
        if (block.text !== undefined) problems.push(...textObject(block.text, `${where}.text`, 3000));
        if (block.fields !== undefined) {
          const fields = block.fields as unknown[];
          if (!Array.isArray(fields) || fields.length === 0 || fields.length > 10) problems.push(`${where}: fields must have 1 to 10 items`);
          else fields.forEach((f, j) => problems.push(...textObject(f, `${where}.fields[${j}]`, 2000)));
        }
        break;
      }
      case 'header':
        problems.push(...plainText(block.text, `${where}.text`, 150, true));
        break;
      case 'context': {
        const elements = block.elements as Obj[];
        if (!Array.isArray(elements) || elements.length === 0 || elements.length > 10) problems.push(`${where}: context needs 1 to 10 elements`);
        else
          elements.forEach((e, j) =>
            problems.push(...(e.type === 'image' ? imageElement(e, `${where}.elements[${j}]`) : textObject(e, `${where}.elements[${j}]`, 3000))),
          );
        break;
      }
      case 'actions': {
        const elements = block.elements as Obj[];
        if (!Array.isArray(elements) || elements.length === 0 || elements.length > 25) problems.push(`${where}: actions needs 1 to 25 elements`);
        else
          elements.forEach((e, j) => {
            if (!ACTION_ELEMENT_TYPES.has(String(e.type))) return problems.push(`${where}.elements[${j}]: ${String(e.type)} is not an interactive element`);
            action(e.action_id);
            problems.push(...checkElement(e, `${where}.elements[${j}]`));
          });
        break;
      }
      case 'image':
        problems.push(...imageElement(block, where));
        if (block.title !== undefined) problems.push(...plainText(block.title, `${where}.title`, 2000, true));
        break;
      case 'input': {
        problems.push(...plainText(block.label, `${where}.label`, 2000, true));
        if (block.hint !== undefined) problems.push(...plainText(block.hint, `${where}.hint`, 2000, true));
        const element = block.element as Obj | undefined;
        if (!element) problems.push(`${where}: input without element`);
        else {
          action(element.action_id);
          problems.push(...checkInputElement(element, where));
        }
        break;
      }
      default:
        break;
    }
  });
  return problems;
}

/** Buttons, overflow menus and selects, wherever they appear (actions blocks, accessories). */
function checkElement(e: Obj, where: string): string[] {
  const problems: string[] = [];
  if (e.type === 'button') {
    problems.push(...plainText(e.text, `${where}.text`, 75, true));
    if (typeof e.value === 'string' && e.value.length > 2000) problems.push(`${where}: button value longer than 2000`);
    if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') problems.push(`${where}: bad button style`);
    if (typeof e.url === 'string' && e.url.length > 3000) problems.push(`${where}: button url longer than 3000`);
  } else if (e.type === 'overflow') {
    const options = e.options as Obj[] | undefined;
    if (!Array.isArray(options) || options.length < 1 || options.length > 5) problems.push(`${where}: overflow needs 1 to 5 options`);
    else options.forEach((o, k) => problems.push(...plainText(o.text, `${where}.options[${k}].text`, 75, true)));
  } else {
    problems.push(...checkInputElement(e, where));
  }
  return problems;
}

function imageElement(e: Obj, where: string): string[] {
  const problems: string[] = [];
  if (typeof e.image_url !== 'string' || !e.image_url) problems.push(`${where}: image without image_url`);
  else if (e.image_url.length > 3000) problems.push(`${where}: image_url longer than 3000`);
  if (typeof e.alt_text !== 'string' || !e.alt_text) problems.push(`${where}: image without alt_text`);
  else if (e.alt_text.length > 2000) problems.push(`${where}: alt_text longer than 2000`);
  return problems;
}

function checkInputElement(e: Obj, where: string): string[] {
  const problems: string[] = [];
  if (e.placeholder !== undefined) problems.push(...plainText(e.placeholder, `${where}.placeholder`, 150, true));
  const options = e.options as Obj[] | undefined;
  const optionValues = new Set<string>();
  if (e.type === 'static_select' || e.type === 'multi_static_select') {
    if (!Array.isArray(options) || options.length === 0 || options.length > 100) problems.push(`${where}: select needs 1 to 100 options`);
    else
      options.forEach((o, k) => {
        problems.push(...plainText(o.text, `${where}.options[${k}].text`, 75, true));
        if (typeof o.value !== 'string' || o.value.length > 150) problems.push(`${where}: option value must be at most 150 characters`);
        else optionValues.add(o.value);
      });
    const initial = (e.initial_option ? [e.initial_option] : ((e.initial_options as Obj[] | undefined) ?? [])) as Obj[];
    for (const o of initial) if (!optionValues.has(String(o.value))) problems.push(`${where}: initial option is not one of the options`);
  }
  if (e.type === 'plain_text_input') {
    const max = typeof e.max_length === 'number' ? e.max_length : 3000;
    if (max > 3000) problems.push(`${where}: max_length above 3000`);
    if (typeof e.initial_value === 'string' && e.initial_value.length > max) problems.push(`${where}: initial_value longer than max_length`);
  }
  if (e.type === 'datepicker' && e.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(e.initial_date))) {
    problems.push(`${where}: initial_date must be YYYY-MM-DD`);
  }
  return problems;
}

function textObject(value: unknown, where: string, max: number): string[] {
  const t = value as Obj | undefined;
  if (!t || (t.type !== 'mrkdwn' && t.type !== 'plain_text')) return [`${where}: not a text object`];
  if (t.type === 'mrkdwn' && t.emoji !== undefined) return [`${where}: emoji is only allowed on plain_text`];
  if (typeof t.text !== 'string' || t.text.length === 0) return [`${where}: empty text`];
  if (t.text.length > max) return [`${where}: text longer than ${max} (${t.text.length})`];
  return [];
}

function plainText(value: unknown, where: string, max: number, required: boolean): string[] {
  if (value === undefined) return required ? [`${where}: missing`] : [];
  const t = value as Obj;
  if (t.type !== 'plain_text') return [`${where}: must be plain_text`];
  if (typeof t.text !== 'string' || t.text.trim().length === 0) return [`${where}: empty text`];
  if (t.text.length > max) return [`${where}: longer than ${max} (${t.text.length})`];
  return [];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Every live mrkdwn token (<@U…>, <!channel>, <http…|…>, <#C…>) in the texts of a message or view. */
export function liveTokens(value: unknown): string[] {
  const found: string[] = [];
  const visit = (v: unknown, key?: string): void => {
    if (typeof v === 'string') {
      if (key === 'text') found.push(...(v.match(/<[^<>]*>/g) ?? []));
      return;
    }
    if (Array.isArray(v)) v.forEach((x) => visit(x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  visit(typeof value === 'string' ? (safeJson(value) ?? value) : value);
  return found;
}

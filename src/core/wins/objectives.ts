// Quality objectives (ISO 9001 6.2): short codes such as OTD that wins, walk notes and meeting
// updates can be tagged with (#OTD). Managers add and retire them; anyone can list them.
import type { CommandSpec } from '../commands/types';
import { UserError } from '../errors';
import { message, note, type RichText } from '../model';

const CODE_RE = /^[A-Z][A-Z0-9_-]{1,11}$/;
const TITLE_MAX = 120;

export const objectiveAdd: CommandSpec = {
  path: ['objective', 'add'],
  usage: 'objective add <CODE> "<title>" [customer]',
  summary: 'add a quality objective that wins and notes can be tagged with (#CODE); “customer” marks customer focus',
  group: 'Objectives',
  access: 'manager',
  async run({ actor, deps, args }) {
    const usage = 'objective add <CODE> "<title>" [customer]';
    const customerFocus = args.flag('customer');
    const rawCode = args.required(`Give the objective a short code and a title. Usage: ${usage}`).replace(/^#/, '');
    const title = args.rest().trim();
    const code = rawCode.toUpperCase();
    if (!CODE_RE.test(code)) {
      throw new UserError(`“${rawCode}” can't be an objective code — use 2–12 letters, digits, “-” or “_”, starting with a letter (e.g. OTD).`);
    }
    if (!title) throw new UserError(`Give objective ${code} a title, e.g. objective add ${code} "On-time delivery ≥ 98 %".`);
    if (title.length > TITLE_MAX) throw new UserError(`That title is ${title.length} characters; keep it to ${TITLE_MAX}.`);
    const existing = await deps.store.objectives.findByCode(actor.org.id, code);
    if (existing?.active) {
      throw new UserError(`Objective ${existing.code} already exists (“${existing.title}”). Retire it first to replace it.`);
    }
    const objective = existing
      ? await deps.store.objectives.update(actor.org.id, existing.id, { title, customerFocus, active: true }, actor.person.id)
      : await deps.store.objectives.create({ orgId: actor.org.id, code, title, customerFocus }, actor.person.id);
    return {
      message: note(
        `${existing ? 'Brought back' : 'Added'} objective `,
        { bold: objective.code },
        ` — ${objective.title}${objective.customerFocus ? ' (customer focus)' : ''}. Tag wins and notes with #${objective.code}.`,
      ),
    };
  },
};

export const objectiveList: CommandSpec = {
  path: ['objective', 'list'],
  usage: 'objective list',
  summary: 'list the quality objectives',
  group: 'Objectives',
  access: 'anyone',
  async run({ actor, deps, args }) {
    args.done('objective list');
    const objectives = await deps.store.objectives.listActive(actor.org.id);
    if (objectives.length === 0) {
      return { message: note('No quality objectives yet. A quality manager can add one with ', { bold: 'objective add <CODE> "<title>"' }, '.') };
    }
    const items: RichText[] = objectives.map((o) => [{ bold: `#${o.code}` }, ` ${o.title}${o.customerFocus ? ' (customer focus)' : ''}`]);
    return {
      message: message(
        `${objectives.length} quality objectives`,
        [
          { type: 'list', items },
          { type: 'context', text: [`Tag a win or note with the code, e.g. #${objectives[0]!.code}`] },
        ],
        'Quality objectives',
      ),
    };
  },
};

export const objectiveRetire: CommandSpec = {
  path: ['objective', 'retire'],
  usage: 'objective retire <CODE>',
  summary: 'retire a quality objective (past wins keep their tag)',
  group: 'Objectives',
  access: 'manager',
  async run({ actor, deps, args }) {
    const code = args.required('Which objective? Usage: objective retire <CODE>').replace(/^#/, '');
    args.done('objective retire <CODE>');
    const existing = await deps.store.objectives.findByCode(actor.org.id, code);
    if (!existing?.active) {
      const active = (await deps.store.objectives.listActive(actor.org.id)).map((o) => o.code);
      throw new UserError(`There is no active objective “${code}”.${active.length ? ` Active: ${active.join(', ')}.` : ''}`);
    }
    await deps.store.objectives.update(actor.org.id, existing.id, { active: false }, actor.person.id);
    return { message: note('Retired objective ', { bold: existing.code }, ` — ${existing.title}. Past wins keep their tag.`) };
  },
};

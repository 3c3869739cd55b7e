// Who is who in the local organisation, for the terminal: display names for mentions (kept in a
// cache, because messages are rendered synchronously as they arrive) and '@handle' lookups.
import type { Person } from '../../core/people/types';
import type { Store } from '../../core/ports';
import { sanitize } from '../text-render';

export class PeopleDirectory {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly orgId: string,
  ) {}

  async refresh(): Promise<void> {
    for (const p of await this.store.people.list(this.orgId)) this.names.set(p.id, p.displayName);
  }

  remember(person: Person): void {
    this.names.set(person.id, person.displayName);
  }

  name(personId: string): string | undefined {
    return this.names.get(personId);
  }

  get(personId: string): Promise<Person | undefined> {
    return this.store.people.get(this.orgId, personId);
  }

  /** '@maria', 'maria', 'local:maria' or a unique display name → the person. */
  async resolve(ref: string): Promise<Person | undefined> {
    const cleaned = ref.trim().replace(/^@/, '');
    if (!cleaned) return undefined;
    if (cleaned.includes(':')) return this.get(cleaned);
    const byHandle = await this.store.people.findByHandle(this.orgId, cleaned);
    if (byHandle) return byHandle;
    const byId = await this.get(`${this.orgId}:${cleaned}`);
    if (byId) return byId;
    const byName = await this.store.people.findByName(this.orgId, cleaned.replace(/[_.]/g, ' '));
    return byName.length === 1 ? byName[0] : undefined;
  }
}

/** 'Maria Lopez (@maria, leader)'. */
export function describePerson(person: Person): string {
  const role = person.role.replace('_', ' ');
  return sanitize(`${person.displayName} (${person.handle ? `@${person.handle}, ` : ''}${role})`);
}

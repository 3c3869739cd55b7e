// Platform person ids typed by people (roster files, '@slack:T1:U2' mentions): which organisation
// they belong to, and whether they look like the platform's ids. Slack user ids are U… or W…
// (Enterprise Grid); Teams people are Microsoft Entra object ids (GUIDs, kept lower-case as Teams
// sends them, so ids compare equal).
import type { Org } from './types';

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
const ENTRA_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type OrgRef = Pick<Org, 'id' | 'platform'>;

/** 'this Slack workspace', 'this Microsoft 365 organisation' or 'this organisation'. */
export function orgWord(org: OrgRef): string {
  if (org.platform === 'slack') return 'this Slack workspace';
  if (org.platform === 'teams') return 'this Microsoft 365 organisation';
  return 'this organisation';
}

/**
 * The part of a full person id ('slack:T1:U2') after the organisation's prefix, or undefined when
 * the id belongs to another organisation or platform. The prefix is compared case-insensitively.
 */
export function localPartIn(org: OrgRef, id: string): string | undefined {
  const prefix = `${org.id}:`;
  if (!id.toLowerCase().startsWith(prefix.toLowerCase())) return undefined;
  const rest = id.slice(prefix.length);
  return rest && !rest.includes(':') ? rest : undefined;
}

/** A person id of `org` with its platform part normalised, or why it is not one. */
export function platformPersonId(org: OrgRef, raw: string): { id: string } | { problem: string } {
  const value = raw.trim().replace(/^@/, '');
  const user = value.includes(':') ? localPartIn(org, value) : value;
  if (user === undefined) return { problem: `“${raw}” is not a person of ${orgWord(org)} (ids here start with ${org.id}:)` };
  if (org.platform === 'slack') {
    const id = user.toUpperCase();
    if (!SLACK_USER_ID.test(id)) return { problem: `“${raw}” is not a Slack user id (they look like U012AB3CD or W012AB3CD)` };
    return { id: `${org.id}:${id}` };
  }
  if (org.platform === 'teams') {
    if (!ENTRA_OBJECT_ID.test(user)) {
      return { problem: `“${raw}” is not a Microsoft Entra object id (a GUID such as 7c9e6679-7425-40de-944b-e07fc1f90ae7)` };
    }
    return { id: `${org.id}:${user.toLowerCase()}` };
  }
  return { id: `${org.id}:${user}` };
}

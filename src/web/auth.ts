// Password-less sign-in for the web page: chat (or the CLI) issues a one-time link — random, single
// use, valid 10 minutes, bound to a person and an organisation — and opening it starts an 8-hour
// session. Every request re-reads the person: a session ends when their role is lowered below the
// one they signed in with, or when they are gone.
import { createHash, randomBytes } from 'node:crypto';
import type { Person, Role } from '../core/people/types';
import type { Clock, Store } from '../core/ports';
import type { WebSession, WebSessionRepo } from './ports';

export const LINK_TTL_MS = 10 * 60_000;
export const SESSION_TTL_MS = 8 * 3_600_000;

const RANK: Record<Role, number> = { member: 0, leader: 1, quality_manager: 2, admin: 3 };

/** Who may use the web page at all: the people the scorecard is about or for. */
export function mayUseWeb(person: Pick<Person, 'role' | 'guest'>): boolean {
  return !person.guest && person.role !== 'member';
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface SignedIn {
  session: WebSession;
  person: Person;
}

export class WebAuth {
  constructor(
    private readonly repo: WebSessionRepo,
    private readonly store: Pick<Store, 'people'>,
    private readonly clock: Clock,
    /** Where people reach Clause5, e.g. https://clause5.example.com (no trailing slash). */
    public publicUrl: string,
  ) {}

  /** A one-time sign-in URL for this person. */
  async issueLink(orgId: string, personId: string): Promise<string> {
    const token = newToken();
    await this.repo.addLink({ tokenHash: tokenHash(token), orgId, personId, expiresAt: this.clock.now() + LINK_TTL_MS });
    return `${this.publicUrl}/web/signin?t=${token}`;
  }

  /** Uses a link; returns the new session's cookie token, or undefined when the link is not valid. */
  async signIn(linkToken: string): Promise<{ cookie: string; signedIn: SignedIn } | undefined> {
    const now = this.clock.now();
    const used = await this.repo.useLink(tokenHash(linkToken), now);
    if (!used) return undefined;
    const person = await this.store.people.get(used.orgId, used.personId);
    if (!person || !mayUseWeb(person)) return undefined;
    const cookie = newToken();
    const session: WebSession = { orgId: person.orgId, personId: person.id, role: person.role, csrfToken: newToken(), expiresAt: now + SESSION_TTL_MS };
    await this.repo.openSession({ ...session, tokenHash: tokenHash(cookie) });
    return { cookie, signedIn: { session, person } };
  }

  /** The session a cookie token opens, with the person as stored now; undefined when there is none. */
  async current(cookie: string | undefined): Promise<SignedIn | undefined> {
    if (!cookie) return undefined;
    const now = this.clock.now();
    const hash = tokenHash(cookie);
    const session = await this.repo.session(hash, now);
    if (!session) return undefined;
    const person = await this.store.people.get(session.orgId, session.personId);
    if (!person || !mayUseWeb(person) || RANK[person.role] < RANK[session.role]) {
      await this.repo.endSession(hash, now);
      return undefined;
    }
    return { session, person };
  }

  async signOut(cookie: string): Promise<void> {
    await this.repo.endSession(tokenHash(cookie), this.clock.now());
  }
}

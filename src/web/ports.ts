// What the web page needs from storage: one-time sign-in links and sessions. Only SHA-256 hashes of
// the random tokens are stored, so a copy of the database does not let anyone sign in.
import type { Role } from '../core/people/types';

export interface WebSession {
  orgId: string;
  personId: string;
  /** The person's role when they signed in. */
  role: Role;
  csrfToken: string;
  expiresAt: number;
}

export interface WebSessionRepo {
  /** Stores a sign-in link's hash. */
  addLink(link: { tokenHash: string; orgId: string; personId: string; expiresAt: number }): Promise<void>;
  /**
   * Marks the link used and returns whose it was, in one statement: of two requests with the same
   * link only one gets it. Undefined when the link is unknown, used or expired.
   */
  useLink(tokenHash: string, now: number): Promise<{ orgId: string; personId: string } | undefined>;
  openSession(session: WebSession & { tokenHash: string }): Promise<void>;
  /** The live session with this hash; undefined when unknown, ended or expired. */
  session(tokenHash: string, now: number): Promise<WebSession | undefined>;
  endSession(tokenHash: string, now: number): Promise<void>;
}

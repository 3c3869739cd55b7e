// The web page's sign-in links and sessions (see src/web/ports.ts).
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { webLinks, webSessions } from '../../../db/schema';
import type { Role } from '../../core/people/types';
import type { WebSession, WebSessionRepo } from '../../web/ports';
import type { Db } from './db';

const DAY_MS = 86_400_000;

export class SqliteWebSessionRepo implements WebSessionRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  async addLink(link: { tokenHash: string; orgId: string; personId: string; expiresAt: number }): Promise<void> {
    const at = this.now();
    // Links and sessions are kept a day past their end, then dropped.
    this.db
      .delete(webLinks)
      .where(lt(webLinks.expiresAt, at - DAY_MS))
      .run();
    this.db
      .delete(webSessions)
      .where(lt(webSessions.expiresAt, at - DAY_MS))
      .run();
    this.db
      .insert(webLinks)
      .values({ ...link, createdAt: at })
      .run();
  }

  async useLink(tokenHash: string, now: number): Promise<{ orgId: string; personId: string } | undefined> {
    return this.db
      .update(webLinks)
      .set({ usedAt: now })
      .where(and(eq(webLinks.tokenHash, tokenHash), isNull(webLinks.usedAt), gt(webLinks.expiresAt, now)))
      .returning({ orgId: webLinks.orgId, personId: webLinks.personId })
      .get();
  }

  async openSession(session: WebSession & { tokenHash: string }): Promise<void> {
    this.db
      .insert(webSessions)
      .values({ ...session, createdAt: this.now() })
      .run();
  }

  async session(tokenHash: string, now: number): Promise<WebSession | undefined> {
    const row = this.db
      .select()
      .from(webSessions)
      .where(and(eq(webSessions.tokenHash, tokenHash), isNull(webSessions.endedAt), gt(webSessions.expiresAt, now)))
      .get();
    if (!row) return undefined;
    return { orgId: row.orgId, personId: row.personId, role: row.role as Role, csrfToken: row.csrfToken, expiresAt: row.expiresAt };
  }

  async endSession(tokenHash: string, now: number): Promise<void> {
    this.db
      .update(webSessions)
      .set({ endedAt: now })
      .where(and(eq(webSessions.tokenHash, tokenHash), isNull(webSessions.endedAt)))
      .run();
  }
}

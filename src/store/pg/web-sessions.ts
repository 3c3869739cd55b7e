// The web page's sign-in links and sessions on PostgreSQL (see src/web/ports.ts).
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { webLinks, webSessions } from '../../../db/pg/schema';
import type { Role } from '../../core/people/types';
import type { WebSession, WebSessionRepo } from '../../web/ports';
import type { PgDb } from './db';

const DAY_MS = 86_400_000;

export class PgWebSessionRepo implements WebSessionRepo {
  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
  ) {}

  async addLink(link: { tokenHash: string; orgId: string; personId: string; expiresAt: number }): Promise<void> {
    const at = this.now();
    // Links and sessions are kept a day past their end, then dropped.
    await this.db.delete(webLinks).where(lt(webLinks.expiresAt, at - DAY_MS));
    await this.db.delete(webSessions).where(lt(webSessions.expiresAt, at - DAY_MS));
    await this.db.insert(webLinks).values({ ...link, createdAt: at });
  }

  async useLink(tokenHash: string, now: number): Promise<{ orgId: string; personId: string } | undefined> {
    // One UPDATE … RETURNING: of two instances using the same link at once, only one gets a row.
    const [used] = await this.db
      .update(webLinks)
      .set({ usedAt: now })
      .where(and(eq(webLinks.tokenHash, tokenHash), isNull(webLinks.usedAt), gt(webLinks.expiresAt, now)))
      .returning({ orgId: webLinks.orgId, personId: webLinks.personId });
    return used;
  }

  async openSession(session: WebSession & { tokenHash: string }): Promise<void> {
    await this.db.insert(webSessions).values({ ...session, createdAt: this.now() });
  }

  async session(tokenHash: string, now: number): Promise<WebSession | undefined> {
    const [row] = await this.db
      .select()
      .from(webSessions)
      .where(and(eq(webSessions.tokenHash, tokenHash), isNull(webSessions.endedAt), gt(webSessions.expiresAt, now)));
    if (!row) return undefined;
    return { orgId: row.orgId, personId: row.personId, role: row.role as Role, csrfToken: row.csrfToken, expiresAt: row.expiresAt };
  }

  async endSession(tokenHash: string, now: number): Promise<void> {
    await this.db
      .update(webSessions)
      .set({ endedAt: now })
      .where(and(eq(webSessions.tokenHash, tokenHash), isNull(webSessions.endedAt)));
  }
}

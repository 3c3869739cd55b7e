// Teams conversation rows → the stored reference the Teams platform reads, for both engines.
import type { StoredConversation } from '../../platforms/state';

export function toStoredConversation(row: StoredConversation & { id: number; createdAt: number }): StoredConversation {
  const { id: _id, createdAt: _c, ...rest } = row;
  return rest;
}

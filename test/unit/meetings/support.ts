// Shared set-up for the meetings tests: a real core on real SQLite with a small cast of people.
import { seedCast } from '../../support/cast';
import { makeTestCore, type TestCore } from '../../support/core';

export { ADMIN, LEADER, MEMBER, ORG, OTHER_LEADER, QM } from '../../support/cast';
export { asDelivery, blockText, messageText, replyText, say } from '../../support/messages';

export async function meetingsCore(startIso: string, zone = 'America/Chicago'): Promise<TestCore> {
  const core = makeTestCore(startIso, { defaultTimeZone: zone });
  await seedCast(core, { timeZone: zone });
  return core;
}

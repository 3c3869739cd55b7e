// The sender's operator settings: the delivery lease (how soon another instance takes over a dead
// one's prompts) and the sends in flight per process. That serve honours the lease is shown by
// test/integration/scale-out-kill.test.ts (takeover within an 8 s lease).
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config';

describe('CLAUSE5_DELIVERY_LEASE_SECONDS and CLAUSE5_SEND_CONCURRENCY', () => {
  it('default to a minute and 4 sends, and read whole numbers', () => {
    expect(loadConfig({})).toMatchObject({ CLAUSE5_DELIVERY_LEASE_SECONDS: 60, CLAUSE5_SEND_CONCURRENCY: 4 });
    expect(loadConfig({ CLAUSE5_DELIVERY_LEASE_SECONDS: '15', CLAUSE5_SEND_CONCURRENCY: '16' })).toMatchObject({
      CLAUSE5_DELIVERY_LEASE_SECONDS: 15,
      CLAUSE5_SEND_CONCURRENCY: 16,
    });
  });

  it('refuse a lease too short for a send, and values that are not whole numbers', () => {
    expect(() => loadConfig({ CLAUSE5_DELIVERY_LEASE_SECONDS: '2' })).toThrow(/CLAUSE5_DELIVERY_LEASE_SECONDS: expected at least 5 seconds \(got "2"\)/);
    expect(() => loadConfig({ CLAUSE5_DELIVERY_LEASE_SECONDS: '7.5' })).toThrow(/CLAUSE5_DELIVERY_LEASE_SECONDS: expected a whole number of seconds/);
    expect(() => loadConfig({ CLAUSE5_SEND_CONCURRENCY: '0' })).toThrow(/CLAUSE5_SEND_CONCURRENCY: expected at least 1/);
    expect(() => loadConfig({ CLAUSE5_SEND_CONCURRENCY: '100' })).toThrow(/CLAUSE5_SEND_CONCURRENCY: expected at most 64/);
  });
});

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from '../../../src/logger';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

describe('logger', () => {
  it('redacts tokens, secrets and authorization headers wherever they sit', () => {
    const { lines, stream } = capture();
    const log = createLogger({ LOG_LEVEL: 'info' }, { stream });
    log.info(
      {
        token: 'xoxb-1',
        req: { headers: { authorization: 'Bearer abc.def', 'x-slack-signature': 'v0=abc' } },
        install: { bot: { botToken: 'xoxb-2' } },
        config: { SLACK_SIGNING_SECRET: 's3cret', MICROSOFT_APP_PASSWORD: 'pw', PORT: 3000 },
      },
      'sent with xoxb-123-456-abc',
    );
    const [entry] = lines;
    const text = JSON.stringify(entry);
    for (const secret of ['xoxb-1', 'abc.def', 'v0=abc', 'xoxb-2', 's3cret', '"pw"', 'xoxb-123']) expect(text).not.toContain(secret);
    expect(entry).toMatchObject({ msg: 'sent with [redacted]', config: { PORT: 3000 } });
  });

  it('scrubs tokens from error messages and stacks, and honours the level', () => {
    const { lines, stream } = capture();
    const log = createLogger({ LOG_LEVEL: 'warn' }, { stream });
    log.info({}, 'not shown');
    log.error({ err: new Error('auth failed for xoxp-999-abc with Bearer eyJhbGciOi') }, 'failed');
    expect(lines).toHaveLength(1);
    const err = lines[0]!.err as { message: string; stack: string };
    expect(err.message).toBe('auth failed for [redacted] with Bearer [redacted]');
    expect(err.stack).not.toContain('xoxp-999');
    expect(scrubSecrets('xapp-1-A1-2 and Basic dXNlcjpwYXNz')).toBe('[redacted] and Basic [redacted]');
  });

  it('scrubs tokens from any string field, such as an error logged as its message', () => {
    const { lines, stream } = capture();
    const log = createLogger({ LOG_LEVEL: 'info' }, { stream });
    log.warn({ err: 'failed with xoxb-1234-abcd', call: { url: 'https://x/?t=xapp-1-A-2', tries: 2 }, notes: ['Bearer eyJx.y'] }, 'retry');
    const text = JSON.stringify(lines[0]);
    for (const secret of ['xoxb-1234', 'xapp-1', 'eyJx']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ err: 'failed with [redacted]', call: { tries: 2 }, notes: ['Bearer [redacted]'] });
  });
});

import { describe, expect, it } from 'vitest';
import { commandTextFromSlack, cut, escapeMrkdwn, plainTextFromSlack, slackUserId } from '../../../src/platforms/slack/mrkdwn';

describe('escapeMrkdwn', () => {
  it('escapes &, < and > so typed markup stays text', () => {
    expect(escapeMrkdwn('<!channel> & <@U123> <https://evil|https://good>')).toBe('&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;https://evil|https://good&gt;');
  });

  it('escapes an already escaped entity again (the user typed it)', () => {
    expect(escapeMrkdwn('&lt;!here&gt;')).toBe('&amp;lt;!here&amp;gt;');
  });
});

describe('cut', () => {
  it('leaves short text alone', () => {
    expect(cut('hello', 5)).toBe('hello');
  });

  it('ends with an ellipsis within the limit', () => {
    const out = cut('a'.repeat(100), 10);
    expect(out).toHaveLength(10);
    expect(out.endsWith('…')).toBe(true);
  });

  it('never splits a surrogate pair', () => {
    const text = `${'a'.repeat(8)}😀😀😀`; // the emoji starts at index 8
    const out = cut(text, 10); // room for 9 units before the ellipsis: would split 😀
    expect(out).toBe(`${'a'.repeat(8)}…`);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(out)).toBe(false);
  });

  it('never cuts an escape or a mention token in half', () => {
    expect(cut(`${'a'.repeat(6)}&amp;bbbbbb`, 10)).toBe(`${'a'.repeat(6)}…`);
    expect(cut(`${'a'.repeat(4)}<@U12345> more`, 10)).toBe(`${'a'.repeat(4)}…`);
  });
});

describe('commandTextFromSlack', () => {
  it('turns user and channel tokens into the core grammar and unescapes the rest', () => {
    expect(commandTextFromSlack('win <@U1|ann> <@W2> cut scrap &amp; rework &lt;5% <#C9|wins>', 'T1')).toBe(
      'win @slack:T1:U1 @slack:T1:W2 cut scrap & rework <5% #C9',
    );
  });

  it('keeps a link as its URL, never its label, and special mentions as words', () => {
    expect(commandTextFromSlack('see <https://evil.example|https://good.example> <!here>', 'T1')).toBe('see https://evil.example here');
  });
});

describe('plainTextFromSlack', () => {
  it('names people and channels for a form prefill', () => {
    const text = plainTextFromSlack('Thanks <@U1> for the fix in <#C2|line-3> &amp; more', (id) => (id === 'U1' ? 'Ann' : undefined));
    expect(text).toBe('Thanks @Ann for the fix in #line-3 & more');
  });
});

describe('slackUserId', () => {
  it('reads Slack ids only', () => {
    expect(slackUserId('slack:T1:U2')).toBe('U2');
    expect(slackUserId('local:maria')).toBeUndefined();
    expect(slackUserId('teams:t:abc')).toBeUndefined();
  });
});

// Teams message text → a Clause5 command line.
import { Activity } from '@microsoft/agents-activity';
import { describe, expect, it } from 'vitest';
import { commandText, plain } from '../../../src/platforms/teams/command-text';

const BOT = '28:bot';
const T = 'tenant-1';
const ANN = 'aaaaaaaa-0000-4000-8000-000000000001';
const BEN = 'bbbbbbbb-0000-4000-8000-000000000002';

function activity(text: string, entities: unknown[]) {
  return Activity.fromObject({ type: 'message', text, entities });
}

describe('commandText', () => {
  it('drops the bot’s own mention and turns people and channels into tokens', async () => {
    const looked: string[] = [];
    const result = await commandText(
      activity('<at>Clause5</at> win <at>Ann Lee</at> and <at>Ben</at> in <at>Wins</at> <at>Cy</at>', [
        { type: 'mention', text: '<at>Clause5</at>', mentioned: { id: BOT, name: 'Clause5' } },
        { type: 'mention', text: '<at>Ann Lee</at>', mentioned: { id: '29:ann', name: 'Ann Lee', aadObjectId: ANN.toUpperCase() } },
        { type: 'mention', text: '<at>Ben</at>', mentioned: { id: '29:ben', name: 'Ben' } },
        { type: 'mention', text: '<at>Wins</at>', mentioned: { id: '19:wins@thread.tacv2', name: 'Wins' } },
        { type: 'mention', text: '<at>Cy</at>', mentioned: { id: '29:cy', name: 'Cy Young' } },
      ]),
      T,
      BOT,
      async (userId) => {
        looked.push(userId);
        return userId === '29:ben' ? BEN : undefined;
      },
    );
    expect(result.text).toBe(`win @teams:${T}:${ANN} and @teams:${T}:${BEN} in #19:wins@thread.tacv2 @Cy_Young`);
    expect(looked).toEqual(['29:ben', '29:cy']);
    expect([...result.mentioned]).toEqual([
      [`teams:${T}:${ANN}`, { name: 'Ann Lee', userId: '29:ann' }],
      [`teams:${T}:${BEN}`, { name: 'Ben', userId: '29:ben' }],
    ]);
  });

  it('reads the Entra object id from an 8:orgid: mention id', async () => {
    const result = await commandText(
      activity('away <at>Ann</at>', [{ type: 'mention', text: '<at>Ann</at>', mentioned: { id: `8:orgid:${ANN}`, name: 'Ann' } }]),
      T,
      BOT,
      async () => undefined,
    );
    expect(result.text).toBe(`away @teams:${T}:${ANN}`);
  });

  it('strips the HTML Teams may wrap text in and decodes entities', () => {
    expect(plain('<p>win fixed &quot;press&quot; &amp; guard&nbsp;&lt;3</p><div>line&#39;s</div>')).toBe('win fixed "press" & guard <3\nline\'s');
  });
});

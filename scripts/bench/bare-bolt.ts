// The inbound benchmark's baseline: a bare Bolt app on Bolt's own HTTP receiver that verifies the
// signature (as every Slack app must) and only acknowledges: events are acked by Bolt itself, the
// slash command by its listener; nothing else happens.
// Run: PORT=… SLACK_SIGNING_SECRET=… SLACK_API_URL=… node --import tsx scripts/bench/bare-bolt.ts
import { App, LogLevel } from '@slack/bolt';
import { exitWithParent } from './procs';

const port = Number(process.env.PORT);
exitWithParent();
const app = new App({
  token: process.env.SLACK_BOT_TOKEN ?? 'xoxb-bare-bolt',
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  botId: 'BBARE',
  botUserId: 'UBARE',
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});
app.event('app_mention', async () => {});
app.event('message', async () => {});
app.command('/clause5', async ({ ack }) => {
  await ack();
});

await app.start({ port, host: '127.0.0.1' });
process.stdout.write(`BARE_READY ${port}\n`);
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));

// `clause5 serve` (what `npm start` runs): the server, and in local mode the terminal chat.
import { dirname, join } from 'node:path';
import type { Config } from '../config';
import { createLogger, createTerminalLogger } from '../logger';
import { LOCAL_ORG, startServer, type RunningServer } from '../main';
import { LocalChat } from '../platforms/local/chat';
import { runTerminal, type Terminal } from '../platforms/local/terminal';
import { describeTeamsProtection } from '../platforms/teams/settings';
import { CliFailure } from './io';

/** Terminal chat: 'on' always, 'off' never, 'auto' in local mode when standard input is a terminal. */
export function wantsTerminalChat(config: Pick<Config, 'CLAUSE5_LOCAL_CHAT' | 'localMode'>, stdinIsTTY: boolean): boolean {
  if (config.CLAUSE5_LOCAL_CHAT === 'on') return true;
  if (config.CLAUSE5_LOCAL_CHAT === 'off') return false;
  return config.localMode && stdinIsTTY;
}

export function banner(server: RunningServer, chat: boolean, logWhere: string): string[] {
  const { config } = server;
  const platforms = server.platforms.map((d) => d.name);
  const mode = config.localMode
    ? `local mode (no Slack or Teams credentials)${platforms.length ? `; also listening for: ${platforms.join(', ')}` : ''}`
    : platforms.join(' + ') || 'no chat platform';
  const lines = [
    'Clause5 is running.',
    `  Mode:     ${mode}`,
    `  HTTP:     http://localhost:${server.port}/healthz`,
    `  Database: ${server.store.admin.where}`,
    `  Log:      ${logWhere}`,
    server.web
      ? `  Web page: ${server.web.publicUrl}/web — type "dashboard" in chat (or run: npm run clause5 -- dashboard link @quinn) for a sign-in link`
      : '  Web page: off (CLAUSE5_WEB=off)',
    `  Scheduler ticker: ${config.CLAUSE5_SCHEDULER === 'on' ? 'on (once a minute)' : 'off (CLAUSE5_SCHEDULER=off)'}`,
  ];
  if (platforms.includes('slack')) {
    lines.push(
      config.SLACK_APP_TOKEN
        ? '  Slack:    Socket Mode (no public URL needed), authenticated by the app-level token'
        : `  Slack:    POST http://<your host>:${server.port}/slack/events — signed requests (signing secret)`,
    );
  }
  const teams = describeTeamsProtection(config);
  if (!platforms.includes('teams')) lines.push(`  Teams:    ${config.teamsMode === 'off' ? teams : 'off'}`);
  else if (config.teamsMode === 'signed') lines.push(`  Teams:    POST http://<your host>:${server.port}/api/messages — ${teams}`);
  else lines.push(`  Teams:    POST http://localhost:${server.port}/api/messages — ${teams}`);
  if (server.seeded) {
    lines.push('  Seeded the demo plant (one site, five leaders, a quality manager, an admin, two teams).');
    for (const note of server.seeded.notes) lines.push(`    note: ${note}`);
  }
  if (chat) {
    lines.push('', 'Chat below as any person: type /help, /people, /as @maria, "help", /clock +1d. /quit stops.');
  } else if (config.localMode) {
    lines.push('', 'Terminal chat is off (standard input is not a terminal). Set CLAUSE5_LOCAL_CHAT=on to force it. Ctrl-C stops.');
  } else {
    lines.push('', 'Ctrl-C stops.');
  }
  return lines;
}

/** Runs until SIGINT/SIGTERM or /quit; resolves after a graceful shutdown. */
export async function serve(config: Readonly<Config>): Promise<void> {
  const chat = wantsTerminalChat(config, Boolean(process.stdin.isTTY));
  const { log, where } = chat ? createTerminalLogger(config) : { log: createLogger(config), where: 'standard output (JSON)' };
  const server = await startServer(config, { log }).catch((error: unknown) => {
    throw new CliFailure(`Clause5 could not start: ${startError(error, config.PORT)}`);
  });

  let terminal: Terminal | undefined;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  let stopping = false;
  const shutdown = async (why: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ why }, 'shutting down');
    terminal?.close();
    try {
      // A /clock move in progress stops at its next step; let it finish before the database closes.
      await terminal?.idle();
      await server.stop();
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      process.exitCode = 1;
    }
    done();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`Second ${signal}: exiting now.\n`);
      process.exit(1);
    }
    process.stdout.write(`\n${signal}: stopping Clause5…\n`);
    void shutdown(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // Only now: whoever waits for the banner (a supervisor, the kill test) may signal at once, and a
  // signal before the handlers are installed kills the process without a graceful stop.
  process.stdout.write(`${banner(server, chat, where).join('\n')}\n`);

  if (chat) {
    const localChat = new LocalChat({
      bot: server.core.bot,
      store: server.store,
      local: server.local,
      clock: server.clock,
      tick: (now) => server.scheduler.tick(now),
      drain: (now) => server.scheduler.drain(now),
      orgId: LOCAL_ORG,
      attachmentsDir: join(dirname(config.CLAUSE5_DB), 'attachments'),
      onClockMoved: () => server.saveClock(),
      onQuit: () => void shutdown('quit'),
      streamArrivals: true,
      canMoveClock: config.localMode,
    });
    terminal = await runTerminal(localChat, { input: process.stdin, output: process.stdout, onClose: () => void shutdown('end of input') });
  }

  await finished;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}

function startError(error: unknown, port: number): string {
  const code = (error as { code?: string } | undefined)?.code;
  if (code === 'EADDRINUSE') return `port ${port} is already in use. Stop the other process or set PORT to a free port.`;
  if (code === 'EACCES') return `this user may not listen on port ${port}. Use a port above 1023 (set PORT).`;
  return error instanceof Error ? error.message : String(error);
}

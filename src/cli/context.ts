// Shared plumbing for the command-line commands: a quiet logger (warnings to stderr, so that
// stdout carries only the command's output) and a runtime that is always closed.
import type { Config } from '../config';
import type { Logger } from '../core/ports';
import { createLogger } from '../logger';
import { buildRuntime, type Runtime, type RuntimeOptions } from '../main';
import type { CliIO } from './io';

export function cliLogger(config: Pick<Config, 'LOG_LEVEL'>, io?: CliIO): Logger {
  const quiet = config.LOG_LEVEL === 'silent' || config.LOG_LEVEL === 'error' || config.LOG_LEVEL === 'fatal';
  return createLogger(config, { stderr: true, level: quiet ? config.LOG_LEVEL : 'warn', stream: io?.logs });
}

export async function withRuntime<T>(
  config: Readonly<Config>,
  options: Partial<RuntimeOptions> & { io?: CliIO },
  work: (runtime: Runtime) => Promise<T>,
): Promise<T> {
  const { io, ...runtimeOptions } = options;
  const runtime = await buildRuntime(config, { log: runtimeOptions.log ?? cliLogger(config, io), platforms: false, ...runtimeOptions });
  try {
    return await work(runtime);
  } finally {
    await runtime.scheduler.stop().catch(() => {});
    await runtime.close();
  }
}

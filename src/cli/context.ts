// Shared plumbing for the command-line commands: a quiet logger (warnings to stderr, so that
// stdout carries only the command's output) and a runtime that is always closed.
import type { Config } from '../config';
import type { Logger } from '../core/ports';
import { createLogger } from '../logger';
import { buildRuntime, type Runtime, type RuntimeOptions } from '../main';

export function cliLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  const quiet = config.LOG_LEVEL === 'silent' || config.LOG_LEVEL === 'error' || config.LOG_LEVEL === 'fatal';
  return createLogger(config, { stderr: true, level: quiet ? config.LOG_LEVEL : 'warn' });
}

export async function withRuntime<T>(config: Readonly<Config>, options: Partial<RuntimeOptions>, work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await buildRuntime(config, { log: options.log ?? cliLogger(config), platforms: false, ...options });
  try {
    return await work(runtime);
  } finally {
    await runtime.scheduler.stop().catch(() => {});
    await runtime.close();
  }
}

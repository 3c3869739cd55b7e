// Where command output goes, and the one kind of failure a command reports without a stack trace.

/** Output channel of a command (process.stdout / stderr in the real CLI). */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** Where the command's logger writes its JSON lines; standard error when absent (the real CLI). */
  logs?: { write(chunk: string): void };
}

export const processIO: CliIO = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** A failure the user can fix; printed without a stack trace, exit code 1. */
export class CliFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliFailure';
  }
}

// What `clause5 backup` reports, and the refusal it prints without a stack trace.

export interface BackupReport {
  source: string;
  target: string;
  bytes: number;
  /** The check the copy passed, as printed. */
  check: string;
}

/** A backup that was not made, with a message the operator can act on. */
export class BackupRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefused';
  }
}

// What every correctable record (a win, a floor walk) carries besides its content: who recorded its
// current version and, once withdrawn, who withdrew it, when and why. Earlier versions stay in the
// audit log (see `history <kind> <id>`); nothing is overwritten without a trace.

export interface CorrectionFields {
  /** Who recorded the current version; null: the record's subject themselves. */
  recordedBy: string | null;
  withdrawnAt: number | null;
  withdrawnBy: string | null;
  withdrawnReason: string | null;
}

export type CorrectionKeys = keyof CorrectionFields;

/** Longest reason accepted for a withdrawal. */
export const REASON_MAX = 300;

// The audited change that withdraws a walk or a win: it stays, marked with who, when and why.
export function withdrawalChange(recordedBefore: string | null, actor: string, reason: string, now: number) {
  return {
    before: { withdrawnAt: null, withdrawnBy: null, withdrawnReason: null, recordedBy: recordedBefore },
    after: { withdrawnAt: now, withdrawnBy: actor, withdrawnReason: reason, recordedBy: actor },
  };
}

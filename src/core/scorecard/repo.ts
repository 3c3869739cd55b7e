// Storage port for the scorecard's SQL aggregates (filled in by the scorecard area).
export interface ScorecardRepo {}

// Storage port for recurring meetings and their occurrences (filled in by the meetings area).
export interface MeetingRepo {}

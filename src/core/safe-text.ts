// Text entering Clause5 (commands, form fields, button values, names from Slack/Teams profiles and
// the roster) loses the characters that can disguise what it says: bidi overrides and isolates
// (U+202A–U+202E, U+2066–U+2069) can make "gpj.exe" read as "exe.jpg" in a name or a win, and NUL
// cuts text short in some consumers. Applied once, where text enters the core.
import type { FormValues } from './model';
import type { PersonProfile } from './people/types';

const UNSAFE = /[\u0000\u202a-\u202e\u2066-\u2069]/g;

export function safeText(text: string): string {
  return text.replace(UNSAFE, '');
}

export function safeValues(values: FormValues): FormValues {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v.map(safeText) : v === undefined ? v : safeText(v)]));
}

export function safeProfile<P extends PersonProfile | undefined>(profile: P): P {
  if (!profile) return profile;
  return { ...profile, displayName: safeText(profile.displayName), ...(profile.handle ? { handle: safeText(profile.handle) } : {}) };
}

// Splits command text into words, keeping "quoted phrases" (straight or curly quotes) together.
import { UserError } from '../errors';

export interface Token {
  text: string;
  quoted: boolean;
}

const OPEN_TO_CLOSE: Record<string, string> = { '"': '"', '“': '”', '„': '“', "'": "'", '‘': '’' };

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const s = input.trim();
  while (i < s.length) {
    const ch = s[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const close = OPEN_TO_CLOSE[ch];
    const startsWord = i === 0 || /\s/.test(s[i - 1]!);
    if (close && startsWord && (ch !== "'" || s.indexOf(close, i + 1) > 0)) {
      const end = s.indexOf(close, i + 1);
      if (end < 0) throw new UserError(`The quote that starts at “${s.slice(i, i + 20)}” is never closed.`);
      tokens.push({ text: s.slice(i + 1, end), quoted: true });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < s.length && !/\s/.test(s[j]!)) j++;
    tokens.push({ text: s.slice(i, j), quoted: false });
    i = j;
  }
  return tokens;
}

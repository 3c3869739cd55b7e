// A cursor over a command's words with helpers for the shapes commands share:
// @mentions, #channels, #tags, "key value" options and trailing free text.
import { UserError } from '../errors';
import type { Token } from './tokenize';

export class Args {
  private readonly tokens: Token[];

  constructor(tokens: Token[]) {
    this.tokens = [...tokens];
  }

  get length(): number {
    return this.tokens.length;
  }

  isEmpty(): boolean {
    return this.tokens.length === 0;
  }

  peek(): Token | undefined {
    return this.tokens[0];
  }

  /** Removes and returns the next word, or undefined. */
  next(): string | undefined {
    return this.tokens.shift()?.text;
  }

  /** Removes and returns the next word or fails with `missing`. */
  required(missing: string): string {
    const t = this.next();
    if (t === undefined || t === '') throw new UserError(missing);
    return t;
  }

  /** Removes `keyword` (case-insensitive, unquoted) and the word after it; returns that word. */
  option(keyword: string, missingValue?: string): string | undefined {
    const i = this.tokens.findIndex((t) => !t.quoted && t.text.toLowerCase() === keyword);
    if (i < 0) return undefined;
    const value = this.tokens[i + 1];
    if (!value) throw new UserError(missingValue ?? `“${keyword}” needs a value after it.`);
    this.tokens.splice(i, 2);
    return value.text;
  }

  /** Removes a bare flag word such as 'csv'; true when it was there. */
  flag(word: string): boolean {
    const i = this.tokens.findIndex((t) => !t.quoted && t.text.toLowerCase() === word);
    if (i < 0) return false;
    this.tokens.splice(i, 1);
    return true;
  }

  /** Removes every unquoted '@…' word and returns them without the '@'. */
  mentions(): string[] {
    return this.extract((t) => !t.quoted && t.text.startsWith('@') && t.text.length > 1).map((t) => t.slice(1));
  }

  /** Removes every unquoted '#…' word and returns them without the '#'. */
  hashes(): string[] {
    return this.extract((t) => !t.quoted && t.text.startsWith('#') && t.text.length > 1).map((t) => t.slice(1));
  }

  /** Removes and returns everything left, joined by spaces. */
  rest(): string {
    const text = this.tokens.map((t) => t.text).join(' ');
    this.tokens.length = 0;
    return text.trim();
  }

  /** Removes and returns every word left, with its quoting. */
  takeTokens(): Token[] {
    return this.tokens.splice(0);
  }

  /** Fails when words are left over that the command did not understand. */
  done(usage: string): void {
    if (this.tokens.length) {
      throw new UserError(`I didn't understand “${this.tokens.map((t) => t.text).join(' ')}”. Usage: ${usage}`);
    }
  }

  private extract(match: (t: Token) => boolean): string[] {
    const found: string[] = [];
    for (let i = this.tokens.length - 1; i >= 0; i--) {
      if (match(this.tokens[i]!)) found.unshift(this.tokens.splice(i, 1)[0]!.text);
    }
    return found;
  }
}

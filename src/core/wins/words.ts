// Reads the words of '/clause5 win …'. Ordinary words such as "team" and "metric" can appear in a
// win's own text ("the team fixed the jig"), so they only count as options when what follows
// clearly is one: a quoted value, a known team's name, or a metric with a figure in it.
import type { Args } from '../commands/args';
import type { Token } from '../commands/tokenize';
import { UserError } from '../errors';

export interface WinWords {
  text: string;
  mentions: string[];
  tags: string[];
  metric?: string;
  team?: string;
  /** The word “metric” was typed but what follows it is not one (no figure, not quoted): kept as text. */
  unquotedMetric?: string;
}

function drain(args: Args): Token[] {
  const tokens: Token[] = [];
  for (let t = args.peek(); t; t = args.peek()) {
    tokens.push(t);
    args.next();
  }
  return tokens;
}

export function readWinWords(args: Args, teamNames: readonly string[]): WinWords {
  const tokens = drain(args);
  const known = new Set(teamNames.map((n) => n.toLowerCase()));
  const words: string[] = [];
  const out: WinWords = { text: '', mentions: [], tags: [] };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const keyword = t.quoted ? '' : t.text.toLowerCase();
    if (keyword === 'metric' && next && (next.quoted || /\d/.test(next.text))) {
      if (out.metric !== undefined) throw new UserError('Give one metric per win.');
      out.metric = next.text;
      i++;
    } else if (keyword === 'metric' && next && out.unquotedMetric === undefined) {
      out.unquotedMetric = tokens
        .slice(i + 1)
        .map((x) => x.text)
        .join(' ');
      words.push(t.text);
    } else if (keyword === 'team' && next && (next.quoted || known.has(next.text.toLowerCase()))) {
      if (out.team !== undefined) throw new UserError('Give one team per win.');
      out.team = next.text;
      i++;
    } else if (!t.quoted && t.text.length > 1 && t.text.startsWith('@')) {
      out.mentions.push(t.text.slice(1));
    } else if (!t.quoted && t.text.length > 1 && t.text.startsWith('#') && !/^#\d+$/.test(t.text)) {
      out.tags.push(t.text.slice(1));
    } else {
      words.push(t.quoted ? `“${t.text}”` : t.text);
    }
  }
  out.text = words.join(' ').trim();
  return out;
}

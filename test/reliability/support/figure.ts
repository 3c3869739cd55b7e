// A measured figure of a reliability test, printed as one `FIGURE {json}` line: readable in the
// test output, and collected by `npm run bench -- reliability` into docs/benchmarks.md.
export const FIGURE_PREFIX = 'FIGURE ';

export interface Figure {
  /** Which test, e.g. 'kill', 'fuzz', 'storm'. */
  name: string;
  /** One line for people. */
  text: string;
  data?: Record<string, unknown>;
}

export function figure(name: string, text: string, data: Record<string, unknown> = {}): void {
  console.info(`${FIGURE_PREFIX}${JSON.stringify({ name, text, data } satisfies Figure)}`);
}

// The downloads section of a page: the scorecard CSV, and whatever else the page offers.
import type { ComponentChildren } from 'preact';

export function Downloads(props: { csv: string; children?: ComponentChildren }) {
  return (
    <section aria-labelledby="downloads">
      <h2 id="downloads">Downloads</h2>
      <p>
        <a href={props.csv} download>
          Scorecard (CSV)
        </a>
      </p>
      {props.children}
    </section>
  );
}

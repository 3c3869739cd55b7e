// The frame of every page: a skip link, the header with where you are and sign-out, the content.
import type { ComponentChildren } from 'preact';
import type { Person } from '../../core/people/types';
import { isManager } from '../../core/people/types';

export interface Viewer {
  person: Person;
  csrfToken: string;
}

export function Layout(props: { title: string; viewer?: Viewer; children: ComponentChildren }) {
  const { viewer } = props;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Clause5`}</title>
        <link rel="stylesheet" href="/web/style.css" />
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header>
          <span class="brand">Clause5</span>
          {viewer && (
            <nav aria-label="Main">
              {isManager(viewer.person) ? <a href="/web">Organisation</a> : <a href="/web">My scorecard</a>}
              <span class="who">{viewer.person.displayName}</span>
              <form method="post" action="/web/signout">
                <input type="hidden" name="csrf" value={viewer.csrfToken} />
                <button type="submit">Sign out</button>
              </form>
            </nav>
          )}
        </header>
        <main id="main">
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** A page that only says something: signed out, link expired, not allowed. */
export function NoticePage(props: { title: string; text: string; viewer?: Viewer }) {
  return (
    <Layout title={props.title} viewer={props.viewer}>
      <p class="notice">{props.text}</p>
    </Layout>
  );
}

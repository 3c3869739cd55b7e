// Text in and out of Slack. Outbound: user text is escaped for mrkdwn so that nothing a person typed
// can become a mention, a broadcast (<!channel>) or a disguised link, and texts are cut below Block
// Kit limits without splitting a character. Inbound: Slack's escaped command text is turned into
// the core's grammar ('<@U1|ann>' → '@slack:T1:U1', '<#C1|general>' → '#C1').

/** Escapes the three characters Slack treats as markup (https://api.slack.com/reference/surfaces/formatting). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Reverses Slack's escaping of '&', '<' and '>' in inbound text. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Cuts `text` to at most `max` UTF-16 code units (Slack counts characters that way), ending with '…'
 * when cut, never splitting a surrogate pair, an escape such as '&amp;' or a token such as '<@U1>'.
 */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1; // do not leave a lone high surrogate
  const kept = text.slice(0, end);
  const amp = kept.lastIndexOf('&');
  if (amp >= 0 && amp > end - 6 && !kept.slice(amp).includes(';')) end = amp; // '&amp;' → not '&am'
  const open = kept.lastIndexOf('<');
  if (open >= 0 && open < end && !kept.slice(open).includes('>')) end = open; // '<@U123>' → not '<@U1'
  return `${text.slice(0, end)}…`;
}

/** Slack user id of a core person id 'slack:T1:U2' (undefined for other platforms). */
export function slackUserId(personId: string): string | undefined {
  const parts = personId.split(':');
  return parts.length === 3 && parts[0] === 'slack' ? parts[2] : undefined;
}

/** Core person id of a Slack user in a workspace. */
export function personIdOf(teamId: string, userId: string): string {
  return `slack:${teamId}:${userId}`;
}

export function orgIdOf(teamId: string): string {
  return `slack:${teamId}`;
}

/** Team id of an organisation id 'slack:T1'. */
export function teamIdOf(orgId: string): string {
  if (!orgId.startsWith('slack:')) throw new Error(`${orgId} is not a Slack organisation`);
  return orgId.slice('slack:'.length);
}

/**
 * Turns a slash command's text (sent with "escape channels, users, and links") into the core's
 * command grammar: user mentions become '@<person id>', channels '#<channel id>', links their URL,
 * special mentions (<!here>) plain words, and Slack's HTML escapes are undone last.
 */
export function commandTextFromSlack(text: string, teamId: string): string {
  const converted = text.replace(/<([@#!])?([^<>|]+)(?:\|([^<>]*))?>/g, (_whole, sigil: string | undefined, id: string, label?: string) => {
    if (sigil === '@') return `@${personIdOf(teamId, id)}`;
    if (sigil === '#') return `#${id}`;
    if (sigil === '!') return label ?? id.split('^')[0]!;
    return id; // a link: keep the URL itself, never the label
  });
  return unescapeSlack(converted);
}

/**
 * Plain text of a Slack message (for pre-filling a form): mentions become '@name' using `nameOf`,
 * channels '#name', links their URL.
 */
export function plainTextFromSlack(text: string, nameOf: (userId: string) => string | undefined): string {
  const converted = text.replace(/<([@#!])?([^<>|]+)(?:\|([^<>]*))?>/g, (_whole, sigil: string | undefined, id: string, label?: string) => {
    if (sigil === '@') return `@${nameOf(id) ?? label ?? id}`;
    if (sigil === '#') return `#${label || id}`;
    if (sigil === '!') return label ?? id.split('^')[0]!;
    return id;
  });
  return unescapeSlack(converted);
}

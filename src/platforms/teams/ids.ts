// Clause5 ids for Teams: the organisation is the tenant ('teams:<tenant id>'), a person is
// 'teams:<tenant id>:<Entra object id>'. Channels keep their Teams id ('19:…@thread.tacv2').

export function orgIdOf(tenantId: string): string {
  return `teams:${tenantId}`;
}

export function personIdOf(tenantId: string, aadObjectId: string): string {
  return `teams:${tenantId}:${aadObjectId}`;
}

/** The tenant of 'teams:<tenant>' or 'teams:<tenant>:<object id>'. */
export function tenantOf(id: string): string {
  const [prefix, tenant] = id.split(':');
  if (prefix !== 'teams' || !tenant) throw new Error(`not a Teams id: ${id}`);
  return tenant;
}

/** The Entra object id of a Teams person id, or undefined for other ids. */
export function aadObjectIdOf(personId: string): string | undefined {
  const parts = personId.split(':');
  return parts.length === 3 && parts[0] === 'teams' && parts[2] ? parts[2] : undefined;
}

/** A channel id as the core stores it ('#19:…' or '19:…'), without a thread suffix. */
export function normaliseChannelId(channel: string): string {
  return channel.replace(/^#/, '').split(';', 1)[0]!.trim();
}

/** Entra object ids are GUIDs; Teams sends them lower-case, and so do we, so ids compare equal. */
export function normaliseAad(value: unknown): string | undefined {
  return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value.trim())
    ? value.trim().toLowerCase()
    : undefined;
}

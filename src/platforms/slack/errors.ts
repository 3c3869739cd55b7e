// Slack Web API failures as the few ChatError codes the core and the scheduler act on.
import { webApi } from '@slack/bolt';
import { ChatError, type ChatErrorCode } from '../../core/ports';

const BY_SLACK_ERROR: Record<string, ChatErrorCode> = {
  ratelimited: 'rate_limited',
  rate_limited: 'rate_limited',
  // The person or conversation cannot be messaged.
  user_not_found: 'unreachable',
  users_not_found: 'unreachable',
  user_disabled: 'unreachable',
  channel_not_found: 'unreachable',
  cannot_dm_bot: 'unreachable',
  messages_tab_disabled: 'unreachable',
  // The bot may not act there.
  not_in_channel: 'permission',
  is_archived: 'permission',
  channel_is_archived: 'permission',
  restricted_action: 'permission',
  restricted_action_read_only_channel: 'permission',
  restricted_action_thread_only_channel: 'permission',
  restricted_action_non_threadable_channel: 'permission',
  missing_scope: 'permission',
  no_permission: 'permission',
  access_denied: 'permission',
  ekm_access_denied: 'permission',
  team_access_not_granted: 'permission',
  // Our credentials.
  invalid_auth: 'auth',
  not_authed: 'auth',
  token_revoked: 'auth',
  token_expired: 'auth',
  account_inactive: 'auth',
  org_login_required: 'auth',
  // Gone.
  message_not_found: 'not_found',
  cant_update_message: 'not_found',
  edit_window_closed: 'not_found',
  not_found: 'not_found',
  file_not_found: 'not_found',
  // Slack's own trouble.
  internal_error: 'transient',
  fatal_error: 'transient',
  service_unavailable: 'transient',
  request_timeout: 'transient',
};

/** Translates anything a WebClient call threw (rate limits keep the Retry-After Slack sent). */
export function toChatError(error: unknown, method: string): ChatError {
  if (error instanceof ChatError) return error;
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return new ChatError('rate_limited', `Slack rate-limited ${method}; retry after ${error.retryAfter}s`, Math.max(1, error.retryAfter) * 1000);
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = error.data.error;
    const mapped = BY_SLACK_ERROR[code] ?? 'invalid';
    const detail = Array.isArray(error.data.response_metadata?.messages) ? ` (${error.data.response_metadata.messages.slice(0, 3).join('; ')})` : '';
    return new ChatError(mapped, `Slack ${method} failed: ${code}${detail}`, mapped === 'rate_limited' ? 30_000 : undefined);
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    const code: ChatErrorCode = error.statusCode === 401 || error.statusCode === 403 ? 'auth' : error.statusCode >= 500 ? 'transient' : 'invalid';
    return new ChatError(code, `Slack ${method} answered HTTP ${error.statusCode}`);
  }
  if (error instanceof webApi.WebAPIRequestError) {
    return new ChatError('transient', `Slack ${method} could not be reached: ${error.original.message}`);
  }
  return new ChatError('transient', `Slack ${method} failed: ${error instanceof Error ? error.message : String(error)}`);
}

// The Slack surface Clause5 registers: one slash command, one message shortcut, the events it
// subscribes to and the bot scopes it needs. The listeners register exactly these, and a test
// checks manifests/slack/manifest.yaml against them so the two cannot drift.

export const SLASH_COMMAND = '/clause5';

/** Message shortcut "Celebrate as a win". */
export const WIN_SHORTCUT = 'celebrate_win';

export const BOT_EVENTS = ['app_home_opened', 'app_mention', 'message.im', 'app_uninstalled', 'tokens_revoked'] as const;

/** Least privilege: each scope and what it is used for (the manifest repeats these as comments). */
export const BOT_SCOPES: Record<string, string> = {
  commands: 'the /clause5 slash command and the “Celebrate as a win” message shortcut',
  'chat:write': 'DMs with prompts, celebrations in wins channels the bot was invited to, updating answered prompts',
  'im:history': 'reading commands people type in their DM with Clause5 (message.im event); after a crash, checking there whether a prompt already went out',
  'im:write': 'after a crash only: opening the DM with a person (conversations.open) to check whether an interrupted prompt already went out',
  'app_mentions:read': 'answering “@Clause5 help” in channels (app_mention event)',
  'users:read': 'a person’s display name and time zone (users.info) the first time Clause5 meets them',
  'files:write': 'sending a scorecard CSV file into the person’s own DM',
};

/** Buttons of the App Home that run a command (value = the command text). */
export const HOME_COMMAND_ACTION = 'home.command';

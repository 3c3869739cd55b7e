// The command line's help text.
import { PERIOD_HELP } from '../core/scorecard/period';

/** The period list, wrapped to the help's column. */
const PERIOD_WORDS_LINE = PERIOD_HELP.replace(/(.{1,70})(?:, |$)/g, '$1,\n                                          ').replace(/,\n\s*$/, '');

export const USAGE = `Usage: npm run clause5 -- <command> [options]

Commands:
  serve                                   run the bot (what npm start does); local mode without Slack/Teams settings
  migrate                                 create or upgrade the database (CLAUSE5_DB)
  seed-demo                               add the demo plant to the local organisation (once)
  tick --at <ISO time> [--force]          one scheduler pass at that instant, then send what is due and exit
                                          e.g. tick --at 2026-11-23T13:00:00Z (exit code 1 if a send failed)
                                          refused (exit 2) while serve runs on the same database, or when --at is
                                          before the stored last pass (--force runs it anyway: it sends
                                          what is due then; the stored last pass never moves back)
  scorecard [@leader | site <name> | all] [period]
            [chart [trend|grid|sites]] [--format table|csv|json|png]
            [--out <file.png>] [--org <id>]
                                          print a leadership scorecard; period is one of:
                                          ${PERIOD_WORDS_LINE}
  roster import <file.csv> [--org <id>] [--create-sites]
                                          import people, roles, sites, time zones and floor-walk times;
                                          every bad row is reported with its line number and nothing is imported;
                                          an unknown site or team is an error unless --create-sites; so is a future joined_on
  dashboard link <@person> [--org <id>]    print a one-time sign-in link (10 minutes) to the web page
  evidence [--site <name>] --from <date> --to <date> [--format md|html|pdf|csv|zip] --out <file> [--org <id>]
                                          the management-review evidence pack (default format pdf)
  verify [--org <id>]                     check the tamper-evident record (audit chain + live records)
                                          and that the weekly scorecard rollups match the records;
                                          exit 0 with each chain's head hash, 1 naming the first mismatch
  rollups rebuild [--org <id>]            count the weekly scorecard rollups again from the records
  person export <@person> [--out <file.json>] [--org <id>]
                                          everything Clause5 holds about a person, as JSON
  person erase <@person> --by <@admin> [--yes] [--org <id>]
                                          replace their name with a pseudonym and their text with “(erased)”,
                                          keeping counts and dates; without --yes it only says what it will do
  backup <file> [--force]                 online copy of the database, checked with integrity_check
  db copy --to <postgres://…>             copy the SQLite database into an empty PostgreSQL one, then compare
                                          row counts and every leader's scorecard for the last year on both
  secrets new-key                         print a new CLAUSE5_SECRET_KEY (base64, 32 bytes)
  secrets rotate                          re-seal stored secrets with CLAUSE5_SECRET_KEY (old key in CLAUSE5_SECRET_KEY_PREVIOUS)
  help                                    this text

Settings come from the environment or a .env file: CLAUSE5_DB, PORT, LOG_LEVEL, SLACK_*, MICROSOFT_APP_* …
Exit codes: 0 done, 1 failed (the message says why), 2 bad command or option.`;

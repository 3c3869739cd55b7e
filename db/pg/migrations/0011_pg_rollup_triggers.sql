CREATE OR REPLACE FUNCTION rollup_mark_meeting_occurrences() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (OLD.org_id, to_char((OLD.local_date)::date - 7, 'YYYY-MM-DD'), to_char((OLD.local_date)::date + 1, 'YYYY-MM-DD'), 'meeting_occurrences'); END IF;
  IF TG_OP <> 'DELETE' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (NEW.org_id, to_char((NEW.local_date)::date - 7, 'YYYY-MM-DD'), to_char((NEW.local_date)::date + 1, 'YYYY-MM-DD'), 'meeting_occurrences'); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_meeting_occurrences_write AFTER INSERT OR DELETE ON meeting_occurrences FOR EACH ROW EXECUTE FUNCTION rollup_mark_meeting_occurrences();
--> statement-breakpoint
CREATE TRIGGER rollup_meeting_occurrences_update AFTER UPDATE OF org_id, person_id, local_date, answer, starts_at ON meeting_occurrences FOR EACH ROW WHEN (ROW(OLD.org_id, OLD.person_id, OLD.local_date, OLD.answer, OLD.starts_at) IS DISTINCT FROM ROW(NEW.org_id, NEW.person_id, NEW.local_date, NEW.answer, NEW.starts_at)) EXECUTE FUNCTION rollup_mark_meeting_occurrences();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_mark_prompts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (OLD.org_id, to_char((to_char(to_timestamp((OLD.sent_at) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD'))::date - 8, 'YYYY-MM-DD'), to_char((to_char(to_timestamp((OLD.sent_at) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD'))::date + 2, 'YYYY-MM-DD'), 'prompts'); END IF;
  IF TG_OP <> 'DELETE' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (NEW.org_id, to_char((to_char(to_timestamp((NEW.sent_at) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD'))::date - 8, 'YYYY-MM-DD'), to_char((to_char(to_timestamp((NEW.sent_at) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD'))::date + 2, 'YYYY-MM-DD'), 'prompts'); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_prompts_write AFTER INSERT OR DELETE ON prompts FOR EACH ROW EXECUTE FUNCTION rollup_mark_prompts();
--> statement-breakpoint
CREATE TRIGGER rollup_prompts_update AFTER UPDATE OF org_id, person_id, kind, subject, sent_at, answered_at, status ON prompts FOR EACH ROW WHEN (ROW(OLD.org_id, OLD.person_id, OLD.kind, OLD.subject, OLD.sent_at, OLD.answered_at, OLD.status) IS DISTINCT FROM ROW(NEW.org_id, NEW.person_id, NEW.kind, NEW.subject, NEW.sent_at, NEW.answered_at, NEW.status)) EXECUTE FUNCTION rollup_mark_prompts();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_mark_floor_walks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (OLD.org_id, to_char((OLD.walk_date)::date - 7, 'YYYY-MM-DD'), to_char((OLD.walk_date)::date + 1, 'YYYY-MM-DD'), 'floor_walks'); END IF;
  IF TG_OP <> 'DELETE' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (NEW.org_id, to_char((NEW.walk_date)::date - 7, 'YYYY-MM-DD'), to_char((NEW.walk_date)::date + 1, 'YYYY-MM-DD'), 'floor_walks'); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_floor_walks_write AFTER INSERT OR DELETE ON floor_walks FOR EACH ROW EXECUTE FUNCTION rollup_mark_floor_walks();
--> statement-breakpoint
CREATE TRIGGER rollup_floor_walks_update AFTER UPDATE OF org_id, person_id, walk_date, week_key, withdrawn_at ON floor_walks FOR EACH ROW WHEN (ROW(OLD.org_id, OLD.person_id, OLD.walk_date, OLD.week_key, OLD.withdrawn_at) IS DISTINCT FROM ROW(NEW.org_id, NEW.person_id, NEW.walk_date, NEW.week_key, NEW.withdrawn_at)) EXECUTE FUNCTION rollup_mark_floor_walks();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_mark_follow_ups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (OLD.org_id, to_char((OLD.due_date)::date - 7, 'YYYY-MM-DD'), '9999', 'follow_ups'); END IF;
  IF TG_OP <> 'DELETE' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (NEW.org_id, to_char((NEW.due_date)::date - 7, 'YYYY-MM-DD'), '9999', 'follow_ups'); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_follow_ups_write AFTER INSERT OR DELETE ON follow_ups FOR EACH ROW EXECUTE FUNCTION rollup_mark_follow_ups();
--> statement-breakpoint
CREATE TRIGGER rollup_follow_ups_update AFTER UPDATE OF org_id, raised_by, owner_id, due_date, status, closed_on ON follow_ups FOR EACH ROW WHEN (ROW(OLD.org_id, OLD.raised_by, OLD.owner_id, OLD.due_date, OLD.status, OLD.closed_on) IS DISTINCT FROM ROW(NEW.org_id, NEW.raised_by, NEW.owner_id, NEW.due_date, NEW.status, NEW.closed_on)) EXECUTE FUNCTION rollup_mark_follow_ups();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_mark_wins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (OLD.org_id, to_char((to_char(to_timestamp((OLD.posted_at) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD'))::date - 8, 'YYYY-MM-DD'), to_char((to_char(to_timestamp((OLD.posted_at) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD'))::date + 9, 'YYYY-MM-DD'), 'wins'); END IF;
  IF TG_OP <> 'DELETE' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (NEW.org_id, to_char((to_char(to_timestamp((NEW.posted_at) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD'))::date - 8, 'YYYY-MM-DD'), to_char((to_char(to_timestamp((NEW.posted_at) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD'))::date + 9, 'YYYY-MM-DD'), 'wins'); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_wins_write AFTER INSERT OR DELETE ON wins FOR EACH ROW EXECUTE FUNCTION rollup_mark_wins();
--> statement-breakpoint
CREATE TRIGGER rollup_wins_update AFTER UPDATE OF org_id, posted_by, team_id, posted_at, withdrawn_at ON wins FOR EACH ROW WHEN (ROW(OLD.org_id, OLD.posted_by, OLD.team_id, OLD.posted_at, OLD.withdrawn_at) IS DISTINCT FROM ROW(NEW.org_id, NEW.posted_by, NEW.team_id, NEW.posted_at, NEW.withdrawn_at)) EXECUTE FUNCTION rollup_mark_wins();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_mark_win_people() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) SELECT w.org_id, to_char((to_char(to_timestamp((w.posted_at) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD'))::date - 8, 'YYYY-MM-DD'), to_char((to_char(to_timestamp((w.posted_at) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD'))::date + 9, 'YYYY-MM-DD'), 'win_people' FROM wins w WHERE w.id = OLD.win_id; END IF;
  IF TG_OP <> 'DELETE' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) SELECT w.org_id, to_char((to_char(to_timestamp((w.posted_at) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD'))::date - 8, 'YYYY-MM-DD'), to_char((to_char(to_timestamp((w.posted_at) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD'))::date + 9, 'YYYY-MM-DD'), 'win_people' FROM wins w WHERE w.id = NEW.win_id; END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_win_people_write AFTER INSERT OR DELETE ON win_people FOR EACH ROW EXECUTE FUNCTION rollup_mark_win_people();
--> statement-breakpoint
CREATE TRIGGER rollup_win_people_update AFTER UPDATE OF win_id, person_id ON win_people FOR EACH ROW WHEN (ROW(OLD.win_id, OLD.person_id) IS DISTINCT FROM ROW(NEW.win_id, NEW.person_id)) EXECUTE FUNCTION rollup_mark_win_people();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_mark_away_periods() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (OLD.org_id, to_char((OLD.from_date)::date - 7, 'YYYY-MM-DD'), to_char((OLD.to_date)::date + 1, 'YYYY-MM-DD'), 'away_periods'); END IF;
  IF TG_OP <> 'DELETE' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (NEW.org_id, to_char((NEW.from_date)::date - 7, 'YYYY-MM-DD'), to_char((NEW.to_date)::date + 1, 'YYYY-MM-DD'), 'away_periods'); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_away_periods_write AFTER INSERT OR DELETE ON away_periods FOR EACH ROW EXECUTE FUNCTION rollup_mark_away_periods();
--> statement-breakpoint
CREATE TRIGGER rollup_away_periods_update AFTER UPDATE OF org_id, person_id, from_date, to_date ON away_periods FOR EACH ROW WHEN (ROW(OLD.org_id, OLD.person_id, OLD.from_date, OLD.to_date) IS DISTINCT FROM ROW(NEW.org_id, NEW.person_id, NEW.from_date, NEW.to_date)) EXECUTE FUNCTION rollup_mark_away_periods();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_mark_site_closures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (OLD.org_id, to_char((OLD.from_date)::date - 7, 'YYYY-MM-DD'), to_char((OLD.to_date)::date + 1, 'YYYY-MM-DD'), 'site_closures'); END IF;
  IF TG_OP <> 'DELETE' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (NEW.org_id, to_char((NEW.from_date)::date - 7, 'YYYY-MM-DD'), to_char((NEW.to_date)::date + 1, 'YYYY-MM-DD'), 'site_closures'); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_site_closures_write AFTER INSERT OR DELETE ON site_closures FOR EACH ROW EXECUTE FUNCTION rollup_mark_site_closures();
--> statement-breakpoint
CREATE TRIGGER rollup_site_closures_update AFTER UPDATE OF org_id, site_id, from_date, to_date ON site_closures FOR EACH ROW WHEN (ROW(OLD.org_id, OLD.site_id, OLD.from_date, OLD.to_date) IS DISTINCT FROM ROW(NEW.org_id, NEW.site_id, NEW.from_date, NEW.to_date)) EXECUTE FUNCTION rollup_mark_site_closures();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_mark_custom_answers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) SELECT OLD.org_id, to_char((to_char(to_timestamp((p.sent_at) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD'))::date - 8, 'YYYY-MM-DD'), to_char((to_char(to_timestamp((p.sent_at) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD'))::date + 2, 'YYYY-MM-DD'), 'custom_answers' FROM prompts p WHERE p.id = OLD.prompt_id; END IF;
  IF TG_OP <> 'DELETE' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) SELECT NEW.org_id, to_char((to_char(to_timestamp((p.sent_at) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD'))::date - 8, 'YYYY-MM-DD'), to_char((to_char(to_timestamp((p.sent_at) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD'))::date + 2, 'YYYY-MM-DD'), 'custom_answers' FROM prompts p WHERE p.id = NEW.prompt_id; END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_custom_answers_write AFTER INSERT OR DELETE ON custom_answers FOR EACH ROW EXECUTE FUNCTION rollup_mark_custom_answers();
--> statement-breakpoint
CREATE TRIGGER rollup_custom_answers_update AFTER UPDATE OF org_id, prompt_id, outcome ON custom_answers FOR EACH ROW WHEN (ROW(OLD.org_id, OLD.prompt_id, OLD.outcome) IS DISTINCT FROM ROW(NEW.org_id, NEW.prompt_id, NEW.outcome)) EXECUTE FUNCTION rollup_mark_custom_answers();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_mark_people() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (OLD.org_id, '', '9999', 'people'); END IF;
  IF TG_OP <> 'DELETE' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (NEW.org_id, '', '9999', 'people'); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_people_write AFTER INSERT OR DELETE ON people FOR EACH ROW EXECUTE FUNCTION rollup_mark_people();
--> statement-breakpoint
CREATE TRIGGER rollup_people_update AFTER UPDATE OF org_id, role, site_id, time_zone, team_id, joined_on, leader_since ON people FOR EACH ROW WHEN (ROW(OLD.org_id, OLD.role, OLD.site_id, OLD.time_zone, OLD.team_id, OLD.joined_on, OLD.leader_since) IS DISTINCT FROM ROW(NEW.org_id, NEW.role, NEW.site_id, NEW.time_zone, NEW.team_id, NEW.joined_on, NEW.leader_since)) EXECUTE FUNCTION rollup_mark_people();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_mark_sites() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (OLD.org_id, '', '9999', 'sites'); END IF;
  IF TG_OP <> 'DELETE' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (NEW.org_id, '', '9999', 'sites'); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_sites_write AFTER INSERT OR DELETE ON sites FOR EACH ROW EXECUTE FUNCTION rollup_mark_sites();
--> statement-breakpoint
CREATE TRIGGER rollup_sites_update AFTER UPDATE OF org_id, time_zone, work_days ON sites FOR EACH ROW WHEN (ROW(OLD.org_id, OLD.time_zone, OLD.work_days) IS DISTINCT FROM ROW(NEW.org_id, NEW.time_zone, NEW.work_days)) EXECUTE FUNCTION rollup_mark_sites();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_mark_teams() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (OLD.org_id, '', '9999', 'teams'); END IF;
  IF TG_OP <> 'DELETE' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (NEW.org_id, '', '9999', 'teams'); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_teams_write AFTER INSERT OR DELETE ON teams FOR EACH ROW EXECUTE FUNCTION rollup_mark_teams();
--> statement-breakpoint
CREATE TRIGGER rollup_teams_update AFTER UPDATE OF org_id, leader_id ON teams FOR EACH ROW WHEN (ROW(OLD.org_id, OLD.leader_id) IS DISTINCT FROM ROW(NEW.org_id, NEW.leader_id)) EXECUTE FUNCTION rollup_mark_teams();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_mark_floor_walk_schedules() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (OLD.org_id, '', '9999', 'floor_walk_schedules'); END IF;
  IF TG_OP <> 'DELETE' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (NEW.org_id, '', '9999', 'floor_walk_schedules'); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_floor_walk_schedules_write AFTER INSERT OR DELETE ON floor_walk_schedules FOR EACH ROW EXECUTE FUNCTION rollup_mark_floor_walk_schedules();
--> statement-breakpoint
CREATE TRIGGER rollup_floor_walk_schedules_update AFTER UPDATE OF org_id, person_id, weekday, time, active ON floor_walk_schedules FOR EACH ROW WHEN (ROW(OLD.org_id, OLD.person_id, OLD.weekday, OLD.time, OLD.active) IS DISTINCT FROM ROW(NEW.org_id, NEW.person_id, NEW.weekday, NEW.time, NEW.active)) EXECUTE FUNCTION rollup_mark_floor_walk_schedules();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_mark_organisations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (OLD.id, '', '9999', 'organisations'); END IF;
  IF TG_OP <> 'DELETE' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (NEW.id, '', '9999', 'organisations'); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_organisations_write AFTER INSERT OR DELETE ON organisations FOR EACH ROW EXECUTE FUNCTION rollup_mark_organisations();
--> statement-breakpoint
CREATE TRIGGER rollup_organisations_update AFTER UPDATE OF settings ON organisations FOR EACH ROW WHEN (ROW(OLD.settings) IS DISTINCT FROM ROW(NEW.settings)) EXECUTE FUNCTION rollup_mark_organisations();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_mark_custom_prompts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (OLD.org_id, '', '9999', 'custom_prompts'); END IF;
  IF TG_OP <> 'DELETE' THEN INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (NEW.org_id, '', '9999', 'custom_prompts'); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_custom_prompts_write AFTER DELETE ON custom_prompts FOR EACH ROW EXECUTE FUNCTION rollup_mark_custom_prompts();
--> statement-breakpoint
CREATE TRIGGER rollup_custom_prompts_update AFTER UPDATE OF weight ON custom_prompts FOR EACH ROW WHEN (ROW(OLD.weight) IS DISTINCT FROM ROW(NEW.weight)) EXECUTE FUNCTION rollup_mark_custom_prompts();

-- Booking a send slot "now" if the key has room (PgSendSlots.bookNowIfRoom), as one function call:
-- a named statement whose inner statements keep their plans, instead of a simple-protocol message
-- (BEGIN; lock; insert; COMMIT) parsed and planned afresh for every message sent.
-- The answers waiting to be written (p_answer_ids answered at p_answer_ats) go first, so the count
-- sees them. Then the key's lock, and the count reads after it: in a VOLATILE function each
-- statement takes a new snapshot, so it sees every booking on the key committed before the lock was
-- granted. Forgetting old rows skips those another transaction holds (an answer being written, which
-- may wait for this lock): nothing here waits on a row while holding the lock, so two bookings never
-- wait on each other; a row left over is outside the count and goes with a later booking or sweep.
-- 203054685 is SEND_SLOT_LOCKS (src/store/pg/send-slots.ts). Returns the new slot's id, or NULL
-- when the key has no room.
CREATE FUNCTION clause5_book_send_slot_now(p_key text, p_since bigint, p_now bigint, p_window_ms bigint, p_in_flight_ms bigint, p_limit bigint, p_answer_ids bigint[], p_answer_ats bigint[])
RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  booked bigint;
BEGIN
  IF cardinality(p_answer_ids) > 0 THEN
    UPDATE send_slots s SET at = greatest(s.at, v.at), answered = true
      FROM unnest(p_answer_ids, p_answer_ats) AS v(id, at) WHERE s.id = v.id;
  END IF;
  PERFORM pg_advisory_xact_lock(203054685, hashtext(p_key));
  DELETE FROM send_slots WHERE id IN (SELECT id FROM send_slots WHERE key = p_key AND at <= p_since FOR UPDATE SKIP LOCKED);
  INSERT INTO send_slots (key, at)
  SELECT p_key, p_now
   WHERE (SELECT count(*) FROM send_slots
           WHERE key = p_key AND at > p_since
             AND (CASE WHEN answered THEN at ELSE greatest(at, least(p_now, at + p_in_flight_ms)) END) > p_now - p_window_ms) < p_limit
  RETURNING id INTO booked;
  RETURN booked;
END
$$;

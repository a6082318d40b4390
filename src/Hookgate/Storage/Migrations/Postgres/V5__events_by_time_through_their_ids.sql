-- An event's id is a UUID v7 of its receipt time, so the primary key already keeps the inbox in the order it came in,
-- to the millisecond: a replay "since" a time reads a range of it (ReplayService). The index on received_at was one
-- more entry written for every event received, for no query that the ids cannot answer.
DROP INDEX ix_inbox_events_received_at;

-- The status and attempt rows are written thousands of times a second, and each foreign key check was a trigger per
-- row that looked the event up and locked it (a tenth of the server's CPU at the ingest maximum). Neither can point
-- nowhere: a status row is inserted from the RETURNING of its own event's insert, an attempt only by a worker holding
-- that event's claim, and events are never deleted. Dead letters, written rarely, keep theirs.
ALTER TABLE inbox_status DROP CONSTRAINT inbox_status_event_id_fkey;
ALTER TABLE inbox_attempts DROP CONSTRAINT inbox_attempts_event_id_fkey;

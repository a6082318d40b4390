-- Sources, event types, dedup keys and ordering keys are identifiers: they are only ever compared for equality or
-- kept in an index, and no linguistic order means anything for them. Under a database's default collation
-- (en_US.UTF-8, or even C.UTF-8 on PostgreSQL 15), every comparison of a B-tree descent went through strcoll, and
-- ingest descends the dedup index twice per event (the ON CONFLICT check, then the insert). "C" compares bytes.
-- Changing a column's collation rebuilds the indexes on it, not the table, but under an exclusive lock: on a large
-- inbox, ingest waits until the indexes are rebuilt. A query comparing these columns with a text column of the
-- default collation must name a collation; equality between them is unchanged (both compare bytes).
ALTER TABLE inbox_events
    ALTER COLUMN source TYPE text COLLATE "C",
    ALTER COLUMN event_type TYPE text COLLATE "C",
    ALTER COLUMN dedup_key TYPE text COLLATE "C",
    ALTER COLUMN ordering_key TYPE text COLLATE "C";
ALTER TABLE inbox_status
    ALTER COLUMN source TYPE text COLLATE "C",
    ALTER COLUMN ordering_key TYPE text COLLATE "C";

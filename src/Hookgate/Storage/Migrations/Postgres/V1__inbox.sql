-- The inbox: every accepted request, byte for byte, immutable once written.
CREATE TABLE inbox_events (
    id                uuid        NOT NULL PRIMARY KEY,  -- UUID v7: sorts by receipt time
    source            text        NOT NULL,
    provider          text        NOT NULL,
    event_type        text        NOT NULL,
    provider_event_id text        NULL,
    dedup_key         text        NOT NULL,
    ordering_key      text        NOT NULL,
    received_at       timestamptz NOT NULL,
    content_type      text        NULL,
    remote_address    text        NULL,
    headers           text        NOT NULL,              -- JSON object: name -> [values], credentials left out
    body              bytea       NOT NULL,
    CONSTRAINT uq_inbox_events_dedup UNIQUE (source, dedup_key)
);

CREATE INDEX ix_inbox_events_received_at ON inbox_events (received_at);
CREATE INDEX ix_inbox_events_source_type ON inbox_events (source, event_type);

-- What processing has done with an event: the only part that changes. Source and ordering key are copied here
-- (they never change) so that claiming the next event of each key reads this table alone.
CREATE TABLE inbox_status (
    event_id        uuid        NOT NULL PRIMARY KEY REFERENCES inbox_events (id),
    source          text        NOT NULL,
    ordering_key    text        NOT NULL,
    status          text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    locked_by       text        NULL,
    locked_until    timestamptz NULL,
    last_error      text        NULL,
    updated_at      timestamptz NOT NULL
);

-- Unfinished events only, in the order they are claimed (oldest first), and by key for "is an older one of this
-- key still unfinished?". The claim's condition repeats this WHERE to the letter: SQLite uses a partial index
-- only for a query whose condition matches it as written.
CREATE INDEX ix_inbox_status_unfinished ON inbox_status (event_id)
    WHERE status IN ('pending', 'processing', 'failed');
CREATE INDEX ix_inbox_status_unfinished_key ON inbox_status (source, ordering_key, event_id)
    WHERE status IN ('pending', 'processing', 'failed');

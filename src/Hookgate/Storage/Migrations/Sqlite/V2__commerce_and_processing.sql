-- Our own commerce tables. Every row is keyed by the provider's id (source, external_id) so that applying an
-- event twice changes nothing, and remembers the provider's own time of its state (source_updated_at) so that
-- an older update never overwrites a newer one. Columns are nullable where a deletion may be the first we hear.

-- Orders, in major currency units.
CREATE TABLE orders (
    id                   INTEGER PRIMARY KEY,
    source               TEXT NOT NULL,
    external_id          TEXT NOT NULL,
    store_id             TEXT NULL,
    reference            TEXT NULL,
    status               TEXT NOT NULL,
    currency             TEXT NULL,
    total_amount         TEXT NULL,
    customer_external_id TEXT NULL,
    placed_at            TEXT NULL,
    source_updated_at    TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    CONSTRAINT uq_orders_source_external UNIQUE (source, external_id)
);

-- An order's lines, replaced as a whole whenever a newer state of the order is applied.
CREATE TABLE order_items (
    id                   INTEGER PRIMARY KEY,
    order_id             INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    external_id          TEXT NULL,
    sku                  TEXT NULL,
    name                 TEXT NOT NULL,
    quantity             INTEGER NOT NULL,
    unit_price           TEXT NOT NULL
);

CREATE INDEX ix_order_items_order ON order_items (order_id);

-- Customers.
CREATE TABLE customers (
    id                   INTEGER PRIMARY KEY,
    source               TEXT NOT NULL,
    external_id          TEXT NOT NULL,
    name                 TEXT NULL,
    email                TEXT NULL,
    phone                TEXT NULL,
    status               TEXT NOT NULL,
    source_updated_at    TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    CONSTRAINT uq_customers_source_external UNIQUE (source, external_id)
);

-- Products.
CREATE TABLE products (
    id                   INTEGER PRIMARY KEY,
    source               TEXT NOT NULL,
    external_id          TEXT NOT NULL,
    name                 TEXT NULL,
    sku                  TEXT NULL,
    price                TEXT NULL,
    currency             TEXT NULL,
    quantity             INTEGER NULL,
    status               TEXT NOT NULL,
    source_updated_at    TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    CONSTRAINT uq_products_source_external UNIQUE (source, external_id)
);

-- Carts: abandoned, then perhaps recovered.
CREATE TABLE carts (
    id                   INTEGER PRIMARY KEY,
    source               TEXT NOT NULL,
    external_id          TEXT NOT NULL,
    customer_external_id TEXT NULL,
    total_amount         TEXT NULL,
    currency             TEXT NULL,
    status               TEXT NOT NULL,
    source_updated_at    TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    CONSTRAINT uq_carts_source_external UNIQUE (source, external_id)
);

-- Payments.
CREATE TABLE payments (
    id                   INTEGER PRIMARY KEY,
    source               TEXT NOT NULL,
    external_id          TEXT NOT NULL,
    order_external_id    TEXT NULL,
    amount               TEXT NULL,
    currency             TEXT NULL,
    status               TEXT NOT NULL,
    source_updated_at    TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    CONSTRAINT uq_payments_source_external UNIQUE (source, external_id)
);

-- Every processing attempt of every event: when, how long, and how it ended.
CREATE TABLE inbox_attempts (
    id          INTEGER PRIMARY KEY,
    event_id    TEXT NOT NULL REFERENCES inbox_events (id),
    attempt     INTEGER NOT NULL,             -- counts from 1 again after a replay
    worker      TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    duration_ms REAL NOT NULL,
    outcome     TEXT NOT NULL,
    error       TEXT NULL
);

CREATE INDEX ix_inbox_attempts_event ON inbox_attempts (event_id, id);

-- Events processing gave up on, with the reason. Discarding keeps the row (and the event): nothing is deleted.
CREATE TABLE dead_letters (
    event_id         TEXT NOT NULL PRIMARY KEY REFERENCES inbox_events (id),
    reason           TEXT NOT NULL,
    dead_lettered_at TEXT NOT NULL,
    discarded_at     TEXT NULL
);

-- Our own commerce tables. Every row is keyed by the provider's id (source, external_id) so that applying an
-- event twice changes nothing, and remembers the provider's own time of its state (source_updated_at) so that
-- an older update never overwrites a newer one. Columns are nullable where a deletion may be the first we hear.

-- Orders, in major currency units.
CREATE TABLE orders (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source               text NOT NULL,
    external_id          text NOT NULL,
    store_id             text NULL,
    reference            text NULL,
    status               text NOT NULL,
    currency             text NULL,
    total_amount         numeric NULL,
    customer_external_id text NULL,
    placed_at            timestamptz NULL,
    source_updated_at    timestamptz NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    CONSTRAINT uq_orders_source_external UNIQUE (source, external_id)
);

-- An order's lines, replaced as a whole whenever a newer state of the order is applied.
CREATE TABLE order_items (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id             bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    external_id          text NULL,
    sku                  text NULL,
    name                 text NOT NULL,
    quantity             integer NOT NULL,
    unit_price           numeric NOT NULL
);

CREATE INDEX ix_order_items_order ON order_items (order_id);

-- Customers.
CREATE TABLE customers (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source               text NOT NULL,
    external_id          text NOT NULL,
    name                 text NULL,
    email                text NULL,
    phone                text NULL,
    status               text NOT NULL,
    source_updated_at    timestamptz NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    CONSTRAINT uq_customers_source_external UNIQUE (source, external_id)
);

-- Products.
CREATE TABLE products (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source               text NOT NULL,
    external_id          text NOT NULL,
    name                 text NULL,
    sku                  text NULL,
    price                numeric NULL,
    currency             text NULL,
    quantity             integer NULL,
    status               text NOT NULL,
    source_updated_at    timestamptz NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    CONSTRAINT uq_products_source_external UNIQUE (source, external_id)
);

-- Carts: abandoned, then perhaps recovered.
CREATE TABLE carts (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source               text NOT NULL,
    external_id          text NOT NULL,
    customer_external_id text NULL,
    total_amount         numeric NULL,
    currency             text NULL,
    status               text NOT NULL,
    source_updated_at    timestamptz NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    CONSTRAINT uq_carts_source_external UNIQUE (source, external_id)
);

-- Payments.
CREATE TABLE payments (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source               text NOT NULL,
    external_id          text NOT NULL,
    order_external_id    text NULL,
    amount               numeric NULL,
    currency             text NULL,
    status               text NOT NULL,
    source_updated_at    timestamptz NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    CONSTRAINT uq_payments_source_external UNIQUE (source, external_id)
);

-- Every processing attempt of every event: when, how long, and how it ended.
CREATE TABLE inbox_attempts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    uuid NOT NULL REFERENCES inbox_events (id),
    attempt     integer NOT NULL,             -- counts from 1 again after a replay
    worker      text NOT NULL,
    started_at  timestamptz NOT NULL,
    duration_ms double precision NOT NULL,
    outcome     text NOT NULL,
    error       text NULL
);

CREATE INDEX ix_inbox_attempts_event ON inbox_attempts (event_id, id);

-- Events processing gave up on, with the reason. Discarding keeps the row (and the event): nothing is deleted.
CREATE TABLE dead_letters (
    event_id         uuid NOT NULL PRIMARY KEY REFERENCES inbox_events (id),
    reason           text NOT NULL,
    dead_lettered_at timestamptz NOT NULL,
    discarded_at     timestamptz NULL
);

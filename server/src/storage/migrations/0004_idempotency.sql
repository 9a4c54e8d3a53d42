-- Idempotency-Key on POSTs that create: the first answer to a key is kept (per organisation, for a
-- bounded time) and given again to a retry of the same request. A row with no status is a request in
-- progress; it is reclaimed once older than the longest a request may run.
CREATE TABLE idempotency_keys (
  org_id        uuid NOT NULL REFERENCES organizations(id),
  key           text NOT NULL,
  request_hash  text NOT NULL,
  status        integer,
  headers       json,
  body          text,
  created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (org_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

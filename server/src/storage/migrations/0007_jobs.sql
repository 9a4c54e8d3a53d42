-- Background jobs (server/src/jobs). The queue itself is pg-boss's, in its own schema; these tables
-- hold what the API shows: a job, and one row per item (a product to recalculate or to calculate)
-- with its outcome. An item goes from pending to done or failed exactly once, in the same
-- transaction that stores its result, so a chunk run twice (a worker killed and its chunk retried)
-- stores nothing twice.
CREATE TABLE jobs (
  id            uuid PRIMARY KEY,
  org_id        uuid NOT NULL REFERENCES organizations(id),
  kind          text NOT NULL,
  params        json NOT NULL,
  total         integer NOT NULL,
  created_by    text,
  created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  cancelled_at  timestamptz,
  -- Set when a chunk of the job ran out of attempts: its pending items were failed with the reason.
  failed_at     timestamptz,
  finished_at   timestamptz
);
CREATE INDEX jobs_org_created ON jobs (org_id, created_at, id);

CREATE TABLE job_items (
  job_id      uuid NOT NULL REFERENCES jobs(id),
  seq         integer NOT NULL,
  -- recalculate: the stored product (its current version when the item runs)
  product_id  uuid,
  -- batch: the product model as sent
  product     json,
  state       text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
  result_id   uuid,
  -- batch: the result as the batch route answers it (view applied)
  result      json,
  problem     json,
  finished_at timestamptz,
  PRIMARY KEY (job_id, seq)
);
CREATE INDEX job_items_state ON job_items (job_id, state);

-- Rate limits counted in the database (GREENLCA_RATE_LIMIT_STORE=database), so that replicas share
-- them: one row per key (or client address) and fixed window. Rows of ended windows are purged.
CREATE TABLE rate_limit_windows (
  key         text PRIMARY KEY,
  started_at  timestamptz NOT NULL,
  count       integer NOT NULL
);
CREATE INDEX rate_limit_windows_started ON rate_limit_windows (started_at);

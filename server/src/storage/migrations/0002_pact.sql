-- PACT v3 host: published ProductFootprints and OAuth2 access tokens (client credentials).

-- A footprint document is immutable except its status (Active → Deprecated), kept in its own column.
CREATE TABLE footprints (
  id          uuid PRIMARY KEY,
  seq         bigint GENERATED ALWAYS AS IDENTITY,
  org_id      uuid NOT NULL REFERENCES organizations(id),
  product_id  uuid NOT NULL REFERENCES products(id),
  result_id   uuid NOT NULL REFERENCES results(id),
  status      text NOT NULL DEFAULT 'Active' CHECK (status IN ('Active', 'Deprecated')),
  document    json NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX footprints_org_seq ON footprints (org_id, seq);
CREATE INDEX footprints_org_product ON footprints (org_id, product_id);

-- Bearer tokens issued by /auth/token: only their sha256 is stored; they die with their key.
CREATE TABLE access_tokens (
  token_hash  text PRIMARY KEY,
  key_id      text NOT NULL REFERENCES api_keys(id),
  org_id      uuid NOT NULL REFERENCES organizations(id),
  expires_at  timestamptz NOT NULL
);

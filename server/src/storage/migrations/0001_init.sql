-- GreenLCA storage, version 1. One dialect for PGlite and PostgreSQL.
-- Every organisation-owned row carries org_id; every query filters on it.

CREATE TABLE organizations (
  id          uuid PRIMARY KEY,
  name        text NOT NULL,
  is_operator boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- API keys: the token is glca_<id>_<secret>; only sha256(secret) is stored.
CREATE TABLE api_keys (
  id          text PRIMARY KEY,
  org_id      uuid NOT NULL REFERENCES organizations(id),
  name        text NOT NULL,
  scopes      text[] NOT NULL,
  secret_hash text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  revoked_at  timestamptz
);
CREATE INDEX api_keys_org ON api_keys (org_id);

-- A product is a head pointing at its current version; versions are immutable rows.
CREATE TABLE products (
  id              uuid PRIMARY KEY,
  seq             bigint GENERATED ALWAYS AS IDENTITY,
  org_id          uuid NOT NULL REFERENCES organizations(id),
  product_id      text NOT NULL,
  name            text NOT NULL,
  current_version integer NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at      timestamptz
);
CREATE INDEX products_org_seq ON products (org_id, seq);
CREATE INDEX products_org_product_id ON products (org_id, product_id);

CREATE TABLE product_versions (
  product_id  uuid NOT NULL REFERENCES products(id),
  version     integer NOT NULL,
  org_id      uuid NOT NULL REFERENCES organizations(id),
  -- json, not jsonb: the document is kept byte for byte as it was sent (key order, number spelling).
  document    json NOT NULL,
  input_hash  text NOT NULL,
  created_by  text,
  created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (product_id, version)
);

-- Versions are immutable: refuse UPDATE and DELETE at the database, not only in the code.
CREATE FUNCTION greenlca_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER product_versions_immutable BEFORE UPDATE OR DELETE ON product_versions
  FOR EACH ROW EXECUTE FUNCTION greenlca_immutable();

-- A stored calculation and what reproduces it.
CREATE TABLE results (
  id              uuid PRIMARY KEY,
  org_id          uuid NOT NULL REFERENCES organizations(id),
  product_id      uuid NOT NULL,
  product_version integer NOT NULL,
  input_hash      text NOT NULL,
  provenance      json NOT NULL,
  total_kg_co2e   double precision NOT NULL,
  result          json NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  FOREIGN KEY (product_id, product_version) REFERENCES product_versions (product_id, version)
);
CREATE INDEX results_org_product ON results (org_id, product_id, created_at);
CREATE TRIGGER results_immutable BEFORE UPDATE OR DELETE ON results
  FOR EACH ROW EXECUTE FUNCTION greenlca_immutable();

-- Organisation factor datasets (issue 20): an organisation's own factors, imported from CSV, Excel or
-- an openLCA package, used by its products as <dataset>/<factor> beside the bundled datasets.

-- A dataset is a head pointing at its current version; the id is the part before the slash of a factor id.
CREATE TABLE org_datasets (
  org_id          uuid NOT NULL REFERENCES organizations(id),
  id              text NOT NULL,
  current_version integer NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (org_id, id)
);

-- Each import is a new version, never changed afterwards (a result pins the version it used, and
-- reproduce recalculates with it): the FactorDataset document as stored, and where it came from.
CREATE TABLE org_dataset_versions (
  org_id        uuid NOT NULL,
  dataset_id    text NOT NULL,
  version       integer NOT NULL,
  document      json NOT NULL,
  -- Copied out of the document, so a listing does not read the factors.
  title         json NOT NULL,
  publisher     text NOT NULL,
  licence       text NOT NULL,
  edition       text NOT NULL,
  format        text NOT NULL,
  file_name     text,
  file_sha256   text NOT NULL,
  factor_count  integer NOT NULL,
  created_by    text,
  created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (org_id, dataset_id, version),
  FOREIGN KEY (org_id, dataset_id) REFERENCES org_datasets (org_id, id)
);
CREATE TRIGGER org_dataset_versions_immutable BEFORE UPDATE OR DELETE ON org_dataset_versions
  FOR EACH ROW EXECUTE FUNCTION greenlca_immutable();

-- Keep each version's name and model id in columns, so that listing products does not parse every
-- document. Existing versions are filled from their documents (the one sanctioned change to them).
ALTER TABLE product_versions ADD COLUMN name text, ADD COLUMN model_id text;
ALTER TABLE product_versions DISABLE TRIGGER product_versions_immutable;
UPDATE product_versions SET name = document->>'name', model_id = document->>'id';
ALTER TABLE product_versions ENABLE TRIGGER product_versions_immutable;
ALTER TABLE product_versions ALTER COLUMN name SET NOT NULL, ALTER COLUMN model_id SET NOT NULL;

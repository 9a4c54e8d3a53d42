-- PACT answers owed to partners, kept in the database so a restart loses none: an answered request whose
-- answer has not reached the partner has `delivery_due` set (when the next attempt may start, or until
-- when an attempt in progress holds it), and `delivery_attempts` counts the attempts begun.
ALTER TABLE pact_requests
  ADD COLUMN delivery_attempts integer NOT NULL DEFAULT 0,
  ADD COLUMN delivery_due timestamptz;
CREATE INDEX pact_requests_delivery_due ON pact_requests (delivery_due) WHERE delivery_due IS NOT NULL;
-- Answers stored before this migration whose delivery was never recorded (the server stopped while
-- sending them) are owed now.
UPDATE pact_requests SET delivery_due = clock_timestamp() WHERE answer IS NOT NULL AND delivery IS NULL;

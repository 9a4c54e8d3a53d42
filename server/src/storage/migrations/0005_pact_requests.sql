-- PACT v3 requests (RequestCreatedEvent) from partners, and the partners this host answers.

-- A partner's PACT host: answers go to base_url/3/events with a token from base_url/auth/token,
-- got with the client credentials the partner issued to this organisation (kept as given: they are sent).
CREATE TABLE pact_partners (
  id             uuid PRIMARY KEY,
  org_id         uuid NOT NULL REFERENCES organizations(id),
  name           text NOT NULL,
  base_url       text NOT NULL,
  client_id      text NOT NULL,
  client_secret  text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (org_id, base_url)
);

-- A request as received (CloudEvents source + id identify it), its answer and the answer's delivery.
CREATE TABLE pact_requests (
  id            uuid PRIMARY KEY,
  seq           bigint GENERATED ALWAYS AS IDENTITY,
  org_id        uuid NOT NULL REFERENCES organizations(id),
  partner_id    uuid NOT NULL REFERENCES pact_partners(id) ON DELETE CASCADE,
  event_id      text NOT NULL,
  source        text NOT NULL,
  criteria      json NOT NULL,
  status        text NOT NULL DEFAULT 'Pending' CHECK (status IN ('Pending', 'Fulfilled', 'Rejected')),
  answer        json,
  delivery      text,
  received_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  answered_at   timestamptz,
  UNIQUE (org_id, source, event_id)
);
CREATE INDEX pact_requests_org_seq ON pact_requests (org_id, seq);

-- PACT v3 as a client: the requests this organisation sent to partners (RequestCreatedEvent to their
-- /3/events) and the answers they sent back (RequestFulfilledEvent / RequestRejectedEvent to ours).
-- The request's id is the event's id, so an answer's requestEventId finds it.
CREATE TABLE pact_sent_requests (
  id            uuid PRIMARY KEY,
  seq           bigint GENERATED ALWAYS AS IDENTITY,
  org_id        uuid NOT NULL REFERENCES organizations(id),
  partner_id    uuid NOT NULL REFERENCES pact_partners(id) ON DELETE CASCADE,
  criteria      json NOT NULL,
  status        text NOT NULL DEFAULT 'Pending' CHECK (status IN ('Pending', 'Fulfilled', 'Rejected')),
  answer        json,
  sent_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  answered_at   timestamptz
);
CREATE INDEX pact_sent_requests_org_seq ON pact_sent_requests (org_id, seq);

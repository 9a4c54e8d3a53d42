import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { DateTime, ProductFootprint, Urn, Uuid } from '@greenlca/pact';
import { validate } from '@greenlca/schema';
import { RequestValidationError } from '../../plugins/validation.js';

/** PACT v3 event types (Technical Specifications v3, "Action Events"). */
export const EVENT_V3 = {
  published: 'org.wbcsd.pact.ProductFootprint.PublishedEvent.3',
  requestCreated: 'org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3',
  requestFulfilled: 'org.wbcsd.pact.ProductFootprint.RequestFulfilledEvent.3',
  requestRejected: 'org.wbcsd.pact.ProductFootprint.RequestRejectedEvent.3',
} as const;

/** v2 names, accepted (not checked beyond the CloudEvents envelope) while partners move to v3. */
const EVENT_V2 = new Set([
  'org.wbcsd.pathfinder.ProductFootprint.Published.v1', 'org.wbcsd.pathfinder.ProductFootprintRequest.Created.v1',
  'org.wbcsd.pathfinder.ProductFootprintRequest.Fulfilled.v1', 'org.wbcsd.pathfinder.ProductFootprintRequest.Rejected.v1',
]);

/** Ids or criteria an event may list: bounded, like the body (MAX_PACT_EVENT_BYTES). */
const MAX_LISTED = 1000;
const Listed = <T extends TSchema>(item: T) => Type.Array(item, { maxItems: MAX_LISTED });

/** The CloudEvents envelope every PACT event has (structured mode); `data` is checked per type below. */
export const EventEnvelope = Type.Object({
  type: Type.String({ minLength: 1, description: 'A PACT v3 event type (org.wbcsd.pact.ProductFootprint.*.3) or a v2 one.' }),
  specversion: Type.Literal('1.0'),
  id: Type.String({ minLength: 1 }),
  source: Type.String({ minLength: 1 }),
  time: Type.Optional(Type.String()),
  data: Type.Optional(Type.Unknown()),
}, { additionalProperties: true, description: 'CloudEvents 1.0 (structured mode). A v3 event needs `time` and `data` of its type.' });
export type EventEnvelope = Static<typeof EventEnvelope>;

/** What every v3 event adds to the envelope: a time and a data object. */
const v3Event = <T extends TSchema>(type: string, data: T) => Type.Object({
  type: Type.Literal(type), specversion: Type.Literal('1.0'), id: Type.String({ minLength: 1 }), source: Type.String({ minLength: 1 }),
  time: DateTime, data,
}, { additionalProperties: true });

const PactErrorObject = Type.Object({
  code: Type.Union(['BadRequest', 'AccessDenied', 'TokenExpired', 'NotFound', 'InternalError', 'NotImplemented'].map((c) => Type.Literal(c))),
  message: Type.String(),
});

/** The request criteria of a RequestCreatedEvent: the ListFootprints filters, as arrays. */
export const RequestCriteria = Type.Object({
  productId: Type.Optional(Listed(Urn)),
  companyId: Type.Optional(Listed(Urn)),
  geography: Type.Optional(Listed(Type.String())),
  classification: Type.Optional(Listed(Urn)),
  validOn: Type.Optional(DateTime),
  validAfter: Type.Optional(DateTime),
  validBefore: Type.Optional(DateTime),
  status: Type.Optional(Listed(Type.Union([Type.Literal('Active'), Type.Literal('Deprecated')]))),
  comment: Type.Optional(Type.String({ maxLength: 10_000 })),
}, { additionalProperties: true });
export type RequestCriteria = Static<typeof RequestCriteria>;

/** Each v3 event type's full schema (PACT v3 OpenAPI: PublishedEvent, RequestCreatedEvent, …). */
const V3_SCHEMAS: Record<string, TSchema> = {
  [EVENT_V3.published]: v3Event(EVENT_V3.published, Type.Object({ pfIds: Listed(Uuid) }, { additionalProperties: true })),
  [EVENT_V3.requestCreated]: v3Event(EVENT_V3.requestCreated, RequestCriteria),
  [EVENT_V3.requestFulfilled]: v3Event(EVENT_V3.requestFulfilled, Type.Object({
    requestEventId: Type.String({ minLength: 1 }), pfs: Type.Array(ProductFootprint, { minItems: 1, maxItems: MAX_LISTED }),
  }, { additionalProperties: true })),
  [EVENT_V3.requestRejected]: v3Event(EVENT_V3.requestRejected, Type.Object({
    requestEventId: Type.String({ minLength: 1 }), error: PactErrorObject,
  }, { additionalProperties: true })),
};

/**
 * Check an event past its envelope: a v3 event against its type's schema (a PublishedEvent's pfIds
 * must be UUIDs, a fulfilled request's pfs ProductFootprints …), a v2 one as it is. Throws the
 * request's validation error (400 BadRequest on /3/, with the JSON pointer of each problem); an
 * unknown type is a 400 too.
 */
export function checkEvent(event: EventEnvelope): void {
  if (EVENT_V2.has(event.type)) return;
  // Own keys only: "constructor" or "__proto__" as a type must not reach Object.prototype (a 500 the fuzz suite found).
  const schema = Object.hasOwn(V3_SCHEMAS, event.type) ? V3_SCHEMAS[event.type] : undefined;
  if (!schema) {
    throw new RequestValidationError('body', [{
      pointer: '/type', code: 'SCHEMA',
      detail: `unknown event type ${JSON.stringify(event.type.slice(0, 120))}; send one of ${Object.values(EVENT_V3).join(', ')}`,
    }]);
  }
  const checked = validate(schema, event);
  if (!checked.ok) throw new RequestValidationError('body', checked.issues.map((i) => ({ pointer: i.path, code: 'SCHEMA', detail: i.message })));
}

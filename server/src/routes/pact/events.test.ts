import { describe, expect, it } from 'vitest';
import { RequestValidationError } from '../../plugins/validation.js';
import { checkEvent, EVENT_V3 } from './events.js';

describe('checkEvent', () => {
  const envelope = (type: string) => ({ type, specversion: '1.0' as const, id: 'e-1', source: 'https://partner.example', time: '2026-01-01T00:00:00Z', data: { productId: ['urn:x'] } });

  it('refuses an event type named like an Object property as an unknown type (a 400), not a crash (the fuzz suite found a 500)', () => {
    for (const type of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      let thrown: unknown;
      try {
        checkEvent(envelope(type));
      } catch (error) {
        thrown = error;
      }
      expect(thrown, type).toBeInstanceOf(RequestValidationError);
      expect((thrown as RequestValidationError).errors[0]).toMatchObject({ pointer: '/type', code: 'SCHEMA' });
    }
  });

  it('checks a known v3 type against its schema', () => {
    expect(() => checkEvent(envelope(EVENT_V3.requestCreated))).not.toThrow();
    expect(() => checkEvent({ ...envelope(EVENT_V3.published), data: { pfIds: ['not-a-uuid'] } })).toThrow(RequestValidationError);
  });
});

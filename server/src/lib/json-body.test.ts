import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { ApiError } from '../errors.js';
import { jsonBodyText, parseJsonBody } from './json-body.js';

const refused = (body: Buffer, type?: string): ApiError => {
  try {
    jsonBodyText(body, type);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('accepted');
};

describe('a JSON body\'s text', () => {
  it('is the UTF-8 text, Chinese and emoji included, with or without charset=utf-8', () => {
    const text = '{"name":"电水壶 Café ☕"}';
    expect(jsonBodyText(Buffer.from(text), 'application/json')).toBe(text);
    expect(jsonBodyText(Buffer.from(text), 'application/json; charset=UTF-8')).toBe(text);
    expect(jsonBodyText(Buffer.from(text), 'application/json;charset="utf8"')).toBe(text);
  });

  it('refuses bytes that are not UTF-8 with a 400 naming the first bad byte, never U+FFFD', () => {
    const latin1 = Buffer.from('{"name":"Caf\xe9 cr\xe8me"}', 'latin1');
    const e = refused(latin1, 'application/json');
    expect(e.statusCode).toBe(400);
    expect(e.errors?.[0]).toMatchObject({ code: 'INVALID_UTF8', detail: expect.stringContaining('byte 12 (0xe9)') });
    // A truncated sequence at the end, an overlong encoding, a lone continuation byte.
    expect(refused(Buffer.from([0x7b, 0x22, 0xe7, 0x94]), undefined).errors?.[0]?.detail).toContain('byte 2');
    expect(refused(Buffer.from([0x22, 0xc0, 0xaf, 0x22]), undefined).errors?.[0]?.detail).toContain('byte 1');
    expect(refused(Buffer.from([0x22, 0x80, 0x22]), undefined).errors?.[0]?.detail).toContain('byte 1');
  });

  it('refuses another declared charset with a 415', () => {
    const e = refused(Buffer.from('{}'), 'application/json; charset=iso-8859-1');
    expect(e.statusCode).toBe(415);
    expect(e.errors?.[0]).toMatchObject({ code: 'CHARSET', hint: expect.stringContaining('UTF-8') });
  });
});

describe('a JSON body that does not parse', () => {
  const parse = Fastify().getDefaultJsonParser('error', 'error');
  const outcome = (text: string) => new Promise<{ error?: ApiError; value?: unknown }>((resolve) => {
    parseJsonBody(parse, {}, text, (error, value) => resolve(error ? { error: error as ApiError } : { value }));
  });

  it('says where it breaks, by line and column, with a hint', async () => {
    const { error } = await outcome('{\n  "id": "x",\n  "name": "y"\n  "extra": 1\n}');
    expect(error?.statusCode).toBe(400);
    expect(error?.errors?.[0]).toMatchObject({ code: 'INVALID_JSON', detail: expect.stringContaining('line 4, column 3'), hint: expect.stringContaining('comma') });
    expect((await outcome('{"a":1} x')).error?.errors?.[0]?.detail).toContain('line 1, column 9');
  });

  it('names a refused key rather than calling valid JSON invalid', async () => {
    const { error } = await outcome('{"name":"x","__proto__":{"admin":true}}');
    expect(error?.errors?.[0]).toMatchObject({ code: 'FORBIDDEN_KEY', detail: expect.stringContaining('__proto__') });
  });

  it('passes valid JSON through, and an empty body keeps Fastify\'s own answer', async () => {
    expect((await outcome('{"a":[1,2]}')).value).toEqual({ a: [1, 2] });
    expect((await outcome('')).error).toMatchObject({ code: 'FST_ERR_CTP_EMPTY_JSON_BODY' });
  });
});

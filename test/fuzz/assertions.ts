/**
 * What every answer must satisfy (server/ERRORS.md): no 5xx, an answer in time, no body on HEAD, and
 * every 4xx in the documented shape of its path: RFC 9457 problem+json with `type/title/status/code`
 * on /v1 and before routing; PACT `{ code, message }` on /3/…; OAuth2 `{ error, error_description }`
 * on /auth/…. Returns what is wrong, as short reasons (empty: all good).
 */
import type { Case, Outcome } from './http.js';
import { family } from './routes.js';

export interface Violation {
  /** A stable kind, part of the failure signature. */
  kind: 'status-5xx' | 'hang' | 'no-answer' | 'head-body' | 'shape';
  detail: string;
}

/** The path the server saw: the case's path, or the request target in raw bytes. */
export function targetOf(c: Case): string {
  if (!c.raw) return c.path;
  const line = c.raw.subarray(0, Math.min(c.raw.length, 300)).toString('latin1').split(/\r?\n/)[0] ?? '';
  return line.split(' ')[1] ?? '';
}

function parseJson(body: Buffer): any {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

const str = (v: unknown) => typeof v === 'string' && v.length > 0;

export function shapeProblems(path: string, status: number, contentType: string, body: Buffer): string | undefined {
  const json = parseJson(body);
  const fam = family(path);
  const problem = () => {
    if (!/^application\/problem\+json/i.test(contentType)) return `content-type ${JSON.stringify(contentType)}, not application/problem+json`;
    if (!json || !str(json.type) || !str(json.title) || json.status !== status || !str(json.code)) return 'not a problem document with type/title/status/code';
    return undefined;
  };
  const pact = () => {
    if (!/^application\/json/i.test(contentType)) return `content-type ${JSON.stringify(contentType)}, not application/json (PACT)`;
    if (!json || !str(json.code) || typeof json.message !== 'string' || 'type' in json || 'status' in json) return 'not the PACT error shape {code, message}';
    return undefined;
  };
  if (fam === 'problem') return problem();
  if (fam === 'pact') return pact();
  if (fam === 'oauth') {
    if (!/^application\/json/i.test(contentType)) return `content-type ${JSON.stringify(contentType)}, not application/json (OAuth2)`;
    if (!json || !str(json.error) || (json.error_description !== undefined && typeof json.error_description !== 'string') || 'type' in json) return 'not the OAuth2 error shape {error, error_description}';
    return undefined;
  }
  // /.well-known/ is answered by the PACT error handler; either documented shape is accepted.
  return pact() && problem() ? `neither the PACT error shape nor problem+json (content-type ${JSON.stringify(contentType)})` : undefined;
}

export function check(c: Case, o: Outcome): Violation[] {
  if (!o.ok) {
    if (o.error === 'timeout') return [{ kind: 'hang', detail: o.detail }];
    if (o.error === 'closed' && !c.mayClose) return [{ kind: 'no-answer', detail: o.detail }];
    return [];
  }
  const { status, headers, body } = o.answer;
  const out: Violation[] = [];
  if (status >= 500) out.push({ kind: 'status-5xx', detail: `${status} ${body.subarray(0, 200).toString('utf8')}` });
  if (c.method === 'HEAD' && (o.answer.rawBodyBytes ?? 0) > 0) out.push({ kind: 'head-body', detail: `HEAD answered with ${o.answer.rawBodyBytes} body bytes` });
  if (status >= 400 && status < 500 && c.method !== 'HEAD') {
    const bad = shapeProblems(targetOf(c), status, headers['content-type'] ?? '', body);
    if (bad) out.push({ kind: 'shape', detail: bad });
  }
  return out;
}

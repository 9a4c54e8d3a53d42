import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A partner's PACT API on loopback that counts what it is asked and answers as each test sets it (tests only). */
export function fakePartner() {
  const seen = { tokens: 0, lists: 0, events: 0, refusedTokens: new Set<string>(), eventIds: [] as string[] };
  let issued = 0;
  let eventAnswers: number[] = [];
  let expiresIn: number | undefined = 3600;
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/auth/token') {
      seen.tokens++;
      return send(200, { access_token: `token-${++issued}`, token_type: 'Bearer', ...(expiresIn !== undefined ? { expires_in: expiresIn } : {}) });
    }
    const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (seen.refusedTokens.has(token)) return send(401, { code: 'TokenExpired', message: 'expired' });
    if (req.url?.startsWith('/3/footprints')) {
      seen.lists++;
      return send(200, { data: [] });
    }
    if (req.url === '/3/events') {
      seen.events++;
      const status = eventAnswers.shift() ?? 200;
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        // The ids of the events it accepted, in order.
        if (status < 300) seen.eventIds.push(JSON.parse(body).id);
        send(status, {});
      });
      return;
    }
    return send(404, {});
  };
  const server: Server = createServer(handle);
  return {
    seen, server,
    answerEvents: (statuses: number[]) => { eventAnswers = statuses; },
    tokenLife: (seconds: number | undefined) => { expiresIn = seconds; },
    listen: () => new Promise<string>((ok) => server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
  };
}

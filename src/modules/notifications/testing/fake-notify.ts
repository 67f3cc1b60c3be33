/**
 * Test support: a local stand-in for the GOV.UK Notify HTTP API (its servers are not reachable from
 * test machines). It checks what the real one checks first: a Bearer JWT signed HS256 with the API
 * key's secret part, whose `iss` is the key's service id and whose `iat` is recent; then it records
 * the request and answers like Notify (201 with an id, or Notify's error shape).
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

export type NotifyRequest = {
  path: string;
  serviceId: string;
  body: { template_id: string; email_address?: string; phone_number?: string; personalisation?: Record<string, string>; reference?: string };
  notificationId: string;
};

export type FakeNotify = {
  url: string;
  /** An API key this fake accepts: `<name>-<service id>-<secret>`. */
  apiKey: string;
  serviceId: string;
  /** Accepted messages, in order. */
  requests: NotifyRequest[];
  /** Requests refused for a bad or missing token. */
  refusedTokens: number;
  /** The next answers to give instead of success (status and Notify's error message). */
  failNext(status: number, message: string, times?: number): void;
  close(): Promise<void>;
};

const b64json = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

/** True when the token is an HS256 JWT for this service signed with this secret, issued in the last minute. */
export function verifyNotifyToken(token: string, serviceId: string, secret: string): boolean {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return false;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  try {
    const h = b64json(header) as { alg?: string };
    const p = b64json(payload) as { iss?: string; iat?: number };
    return h.alg === 'HS256' && p.iss === serviceId && typeof p.iat === 'number' && Math.abs(Date.now() / 1000 - p.iat) <= 60;
  } catch {
    return false;
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return null;
  }
}

export async function startFakeNotify(): Promise<FakeNotify> {
  const serviceId = randomUUID();
  const secret = randomUUID();
  const requests: NotifyRequest[] = [];
  const failures: Array<{ status: number; message: string }> = [];
  let refusedTokens = 0;

  const send = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = (await readJson(req)) as NotifyRequest['body'] | null;
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (!verifyNotifyToken(token, serviceId, secret)) {
        refusedTokens += 1;
        return send(res, 403, { status_code: 403, errors: [{ error: 'AuthError', message: 'Invalid token: API key not found' }] });
      }
      const kind = req.url === '/v2/notifications/email' ? 'email' : req.url === '/v2/notifications/sms' ? 'sms' : null;
      if (req.method !== 'POST' || !kind || !body) return send(res, 404, { status_code: 404, errors: [{ error: 'NotFound', message: 'Not found' }] });
      const failure = failures.shift();
      if (failure) return send(res, failure.status, { status_code: failure.status, errors: [{ error: 'BadRequestError', message: failure.message }] });
      const notificationId = randomUUID();
      requests.push({ path: req.url!, serviceId, body, notificationId });
      const content = kind === 'email'
        ? { subject: body.personalisation?.subject ?? '', body: body.personalisation?.body ?? '', from_email: 'area@notifications.service.gov.uk' }
        : { body: body.personalisation?.body ?? '', from_number: 'GOVUK' };
      return send(res, 201, {
        id: notificationId,
        reference: body.reference ?? null,
        content,
        uri: `/v2/notifications/${notificationId}`,
        template: { id: body.template_id, version: 1, uri: `/v2/templates/${body.template_id}` },
      });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey: `chorus_test-${serviceId}-${secret}`,
    serviceId,
    requests,
    get refusedTokens() {
      return refusedTokens;
    },
    failNext(status, message, times = 1) {
      for (let i = 0; i < times; i += 1) failures.push({ status, message });
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

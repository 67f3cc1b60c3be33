/**
 * One place that turns errors into friendly pages: 404, 403, 409, 429, 503 and 500.
 * No stack traces or personal data reach the response; the log gets the error without request bodies.
 *
 * The database being unreachable is a 503 with its own page (issue 10 §1): it says so, and when a
 * form was sent, shows the person back what they typed, since none of it was saved.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { describeUnavailable, isDatabaseUnavailable } from '../db/unavailable.ts';

/** Seconds a browser or a client is told to wait before trying again while the database is away. */
const RETRY_AFTER_SECONDS = 30;
/** At most one "database unavailable" log line this often; the rest are counted in the next one. */
const LOG_EVERY_MS = 10_000;
/** The form body limit (app.ts): a body read by hand here is refused beyond it. */
const BODY_LIMIT = 256 * 1024;

function classify(error: FastifyError & { code?: string }): { status: number; key: string } {
  if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') return { status: 403, key: 'csrf' };
  if (isDatabaseUnavailable(error)) return { status: 503, key: 'unavailable' };
  const status = error.statusCode ?? 500;
  if (status === 404) return { status, key: 'notFound' };
  if (status === 403) return { status, key: 'forbidden' };
  if (status === 409) return { status, key: 'conflict' };
  if (status === 429) return { status, key: 'tooMany' };
  // A body over the limit, or not a form: each says what happened (never "page not found").
  if (status === 413) return { status, key: 'tooLarge' };
  if (status === 415) return { status, key: 'notAForm' };
  // Any other malformed request is the sender's problem, and says so.
  if (status >= 400 && status < 500) return { status, key: 'badRequest' };
  return { status: 500, key: 'serverError' };
}

export function renderError(request: FastifyRequest, reply: FastifyReply, status: number, key: string) {
  if (reply.sent) return reply;
  try {
    return reply.page('errors/error.njk', { errorKey: key }, status);
  } catch {
    // Rendering itself failed (for example no area could be loaded): plain words, still no details.
    return reply.code(status).type('text/plain; charset=utf-8').send(request.t(`errors.${key}.title`));
  }
}

// ── What the person typed ─────────────────────────────────────────────────────────────────────

/** Fields never shown back: secrets, and what the form itself carries (tokens, keys, codes). */
const NEVER_SHOWN = /password|passcode|csrf|token|secret|idempotency|key|code/i;
/**
 * Values that are a choice from a list rather than words typed: option ids, "like", "easy_read",
 * numbers. Quick to choose again, and meaningless shown alone.
 */
const CHOICE = /^[a-z0-9]+(?:[_-][a-z0-9]+)*$/;
const MAX_FIELDS = 20;

export type TypedField = { label: string; value: string };

/** "anythingElse" → "Anything else"; ids in a name ("pile-<uuid>") are left out. */
function labelOf(name: string): string {
  const words = name
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_\-.[\]]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : '';
}

/** The words a person typed into the form, in the form's order: text only, never secrets. */
export function typedFields(body: unknown): TypedField[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [];
  const fields: TypedField[] = [];
  for (const [name, raw] of Object.entries(body as Record<string, unknown>)) {
    if (NEVER_SHOWN.test(name)) continue;
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      if (typeof value !== 'string') continue;
      const text = value.trim();
      if (!text || CHOICE.test(text)) continue;
      fields.push({ label: labelOf(name), value: text });
      if (fields.length >= MAX_FIELDS) return fields;
    }
  }
  return fields;
}

/**
 * Shown back only to the page's own site: a form posted from elsewhere must not be able to make a
 * Chorus page display words of its choosing. Browsers send Sec-Fetch-Site or Origin with every POST.
 */
function fromOurOwnPage(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin';
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}

/**
 * A form body nobody has read yet: the session is looked up before the body is parsed, so a
 * signed-in person's POST meets the missing database first. Only form encodings, within the limit.
 */
function readUnparsedForm(raw: IncomingMessage, contentType: string | undefined): Promise<Record<string, string[]> | undefined> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(contentType ?? '')) return Promise.resolve(undefined);
  if (raw.readableEnded || raw.destroyed || raw.readableFlowing !== null) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: Record<string, string[]> | undefined) => {
      clearTimeout(timer);
      raw.off('data', onData).off('end', onEnd).off('error', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) return finish(undefined);
      chunks.push(chunk);
    };
    const onEnd = () => {
      const fields: Record<string, string[]> = {};
      for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) (fields[name] ??= []).push(value);
      finish(fields);
    };
    const onError = () => finish(undefined);
    const timer = setTimeout(() => finish(undefined), 2000);
    raw.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

async function whatWasTyped(request: FastifyRequest): Promise<TypedField[]> {
  if (request.method !== 'POST' || !fromOurOwnPage(request)) return [];
  const body = request.body ?? (await readUnparsedForm(request.raw, request.headers['content-type']));
  return typedFields(body);
}

// ── The handler ───────────────────────────────────────────────────────────────────────────────

async function errors(app: FastifyInstance) {
  const unavailableLog = { lastAt: 0, since: 0 };

  const renderUnavailable = async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const now = Date.now();
    if (now - unavailableLog.lastAt >= LOG_EVERY_MS) {
      request.log.warn({ error: describeUnavailable(error), moreSinceLastLine: unavailableLog.since }, 'database unavailable: answering 503');
      unavailableLog.lastAt = now;
      unavailableLog.since = 0;
    } else {
      unavailableLog.since += 1;
    }
    const typed = await whatWasTyped(request);
    if (reply.sent) return reply;
    reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
    try {
      return reply.page('errors/unavailable.njk', { typed }, 503);
    } catch {
      return reply.code(503).type('text/plain; charset=utf-8').send(request.t('errors.unavailable.title'));
    }
  };

  app.setErrorHandler(async (error: FastifyError & { headers?: Record<string, string> }, request, reply) => {
    const { status, key } = classify(error);
    if (key === 'unavailable') return renderUnavailable(error, request, reply);
    if (status >= 500) request.log.error({ err: { type: error.name, message: error.message, code: error.code, stack: error.stack } }, 'request failed');
    if (status === 429 && error.headers) reply.headers(error.headers);
    return renderError(request, reply, status, key);
  });
  app.setNotFoundHandler({ preHandler: [] }, (request, reply) => renderError(request, reply, 404, 'notFound'));
}

export default fp(errors, { name: 'errors', dependencies: ['views'] });

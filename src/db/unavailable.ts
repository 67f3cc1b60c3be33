/**
 * Whether an error means "the database cannot be reached right now" (issue 10 §1): the server was
 * killed, is restarting or recovering, refuses connections, or the connection broke. Such errors
 * become the 503 page, never a 500: nothing is wrong with the request, and trying again later works.
 */

/** Node's network errors on the way to PostgreSQL. */
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * PostgreSQL's SQLSTATEs: class 08 is "connection exception"; 57P01 admin shutdown (also "unexpected
 * postmaster exit"), 57P02 crash shutdown, 57P03 cannot connect now (starting up, recovering,
 * shutting down); 53300 too many connections.
 */
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/** pg's own words when a connection is lost or cannot be had (these errors carry no code). */
const MESSAGES = /Connection terminated|timeout exceeded when trying to connect|is not queryable|Client was closed|Connection refused/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && (NETWORK.has(code) || SQLSTATE.test(code))) return true;
  if (typeof message === 'string' && MESSAGES.test(message)) return true;
  // A connection to "localhost" tries each address: Node reports an AggregateError of them all.
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}

/** The code or a short description of such an error, for a log line (never a query or its values). */
export function describeUnavailable(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message.slice(0, 200) : 'unknown error';
  return typeof code === 'string' ? `${code}: ${text}` : text;
}

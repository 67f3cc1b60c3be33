/**
 * Ids in URLs and forms. Every table's key is a UUID; anything else a browser sends is simply
 * "not found", never a database error.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a well-formed id. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

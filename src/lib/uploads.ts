/**
 * Forms that carry one file (an area's pictures, a young inspector's photos of a place). The
 * multipart parser is registered only inside the encapsulated context a route plugin hands in, so
 * every other form in Chorus still answers 415 to a multipart body. The file's bytes are read into
 * memory (at most `maxBytes` + 1, so "too large" is known, not guessed) and kept beside the request,
 * out of the body: the form's fields are words only, and the CSRF token is read from them as on any
 * other form.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** What the parser left for the route: the file's bytes (none when no file was chosen), and whether it was cut short. */
export type Upload = { bytes: Buffer | undefined; truncated: boolean };

const received = new WeakMap<FastifyRequest, Upload>();

/** The file a request carried, if any. */
export function uploadOf(request: FastifyRequest): Upload {
  return received.get(request) ?? { bytes: undefined, truncated: false };
}

/** Registers the one-file parser in this (encapsulated) context: one file, ten fields, nothing else. */
export async function acceptOneFile(uploads: FastifyInstance, maxBytes: number): Promise<void> {
  await uploads.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: maxBytes + 1, files: 1, fields: 10, fieldSize: 10_000, parts: 12, headerPairs: 100 },
    async onFile(part) {
      const bytes = await part.toBuffer();
      received.set(this, { bytes: bytes.length ? bytes : undefined, truncated: part.file.truncated });
      // The bytes stay out of the body: the forms read words only.
      (part as unknown as { _buf: Buffer | null })._buf = null;
      (part as unknown as { value: string }).value = '';
    },
  });
}

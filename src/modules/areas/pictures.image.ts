/**
 * Safe handling of an uploaded image (an area's photo or logo): the type is read from the file's
 * first bytes (never its name or the browser's word), its size and pixel count are checked before
 * it is decoded, and it is re-encoded to WebP at most 1,600 px on its longer side. Re-encoding
 * drops every piece of metadata (EXIF with its GPS position, XMP, comments) because sharp writes
 * none unless asked; a PHP file named .jpg, an SVG with a script or a zip-bomb PNG never gets
 * further than this file.
 */
import { createHash } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';

/** The largest upload accepted, said on the upload page. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const MAX_UPLOAD_MB = 5;
/** A 20,000 × 20,000 PNG is a few KB on disk and 1.6 GB in memory: refused before decoding. */
export const MAX_INPUT_PIXELS = 40_000_000;
const MAX_SIDE = 1600;

export type ImageProblem = 'missing' | 'tooLarge' | 'notAnImage' | 'tooManyPixels' | 'unreadable';

export class ImageError extends Error {
  readonly problem: ImageProblem;
  constructor(problem: ImageProblem) {
    super(`Image refused: ${problem}`);
    this.problem = problem;
  }
}

export type EncodedImage = { bytes: Buffer; contentType: 'image/webp'; width: number; height: number; fingerprint: string };

/** JPEG, PNG, WebP or GIF by their magic bytes; anything else (SVG, HTML, PHP, ZIP) is not a photo. */
export function sniffImage(bytes: Buffer): 'jpeg' | 'png' | 'webp' | 'gif' | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(bytes.toString('latin1', 0, 6))) return 'gif';
  return undefined;
}

/** The uploaded bytes, checked and re-encoded; throws ImageError with what went wrong. */
export async function reencodeImage(bytes: Buffer | undefined, options: { truncated?: boolean } = {}): Promise<EncodedImage> {
  if (options.truncated || (bytes && bytes.length > MAX_UPLOAD_BYTES)) throw new ImageError('tooLarge');
  if (!bytes || bytes.length === 0) throw new ImageError('missing');
  const kind = sniffImage(bytes);
  if (!kind) throw new ImageError('notAnImage');
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageError('unreadable');
  }
  if (meta.format !== kind && !(kind === 'jpeg' && meta.format === 'jpeg')) throw new ImageError('notAnImage');
  if (!meta.width || !meta.height) throw new ImageError('unreadable');
  if (meta.width * meta.height > MAX_INPUT_PIXELS) throw new ImageError('tooManyPixels');
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', animated: false })
      .rotate() // the EXIF orientation, applied before the EXIF goes
      .resize(MAX_SIDE, MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, contentType: 'image/webp', width: info.width, height: info.height, fingerprint: createHash('sha256').update(data).digest('hex').slice(0, 16) };
  } catch {
    throw new ImageError('unreadable');
  }
}

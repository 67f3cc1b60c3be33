/**
 * Serves the few static files Chorus needs, from memory, fingerprinted for long caching:
 * our compiled Sass, govuk-frontend's JavaScript, our icon, the survey pages' read-aloud script and the
 * symbol pickers' search-as-you-type script.
 * Only these: serving govuk-frontend's dist whole would expose its sources and its crown images.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import * as sass from 'sass';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
const govukDist = path.dirname(require.resolve('govuk-frontend/package.json')) + '/dist/govuk';

/** Compressed once at start: a 146 KB stylesheet is 15 KB as brotli (quality 9: within 8% of 11, at a seventh of the time), and no request pays for it. */
type Asset = { body: Buffer; br: Buffer; gzip: Buffer; type: string; url: string };

function fingerprint(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 12);
}

/** Compiles chorus.scss, caching the result on disk by a hash of its inputs (tests start many apps). */
export function compileCss(): Buffer {
  const source = path.join(root, 'src/assets/chorus.scss');
  const govukVersion = (JSON.parse(readFileSync(path.join(govukDist, '../../package.json'), 'utf8')) as { version: string }).version;
  // The key covers chorus.scss and every partial beside it, so a changed partial is never served stale.
  const hash = createHash('sha256');
  for (const name of readdirSync(path.dirname(source)).filter((file) => file.endsWith('.scss')).sort()) {
    hash.update(name).update(readFileSync(path.join(path.dirname(source), name)));
  }
  const key = hash.update(govukVersion).digest('hex').slice(0, 16);
  const cacheDir = path.join(root, '.cache');
  const cached = path.join(cacheDir, `chorus-${key}.css`);
  if (existsSync(cached)) return readFileSync(cached);
  const result = sass.compile(source, {
    importers: [new sass.NodePackageImporter(root)],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import'],
  });
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cached, result.css);
  } catch {
    // A read-only checkout (another user, a container): compile each start instead (about 1 s).
  }
  return Buffer.from(result.css);
}

declare module 'fastify' {
  interface FastifyInstance {
    assetUrl(name: string): string;
  }
}

async function assets(app: FastifyInstance) {
  const files: Record<string, { body: Buffer; type: string }> = {
    'chorus.css': { body: compileCss(), type: 'text/css; charset=utf-8' },
    'govuk-frontend.min.js': { body: readFileSync(path.join(govukDist, 'govuk-frontend.min.js')), type: 'text/javascript; charset=utf-8' },
    'chorus-icon.svg': { body: readFileSync(path.join(root, 'src/assets/chorus-icon.svg')), type: 'image/svg+xml' },
    // Live sessions' updates by Server-Sent Events (issue 15 §3): on top of pages that reload themselves without it.
    'live.js': { body: readFileSync(path.join(root, 'src/assets/live.js')), type: 'text/javascript; charset=utf-8' },
    // Read aloud and print on the survey pages (modules/surveys/views/respond): a few hundred bytes.
    'read-aloud.js': { body: readFileSync(path.join(root, 'src/assets/read-aloud.js')), type: 'text/javascript; charset=utf-8' },
    // Search as you type in the symbol pickers (builder and themes): progressive enhancement, a few KB.
    'symbol-search.js': { body: readFileSync(path.join(root, 'src/assets/symbol-search.js')), type: 'text/javascript; charset=utf-8' },
    // The live board's canvas (issue 15 §2): drawn on top of the list, which works without it.
    'live-board.js': { body: readFileSync(path.join(root, 'src/assets/live-board.js')), type: 'text/javascript; charset=utf-8' },
    // Young inspectors rating on a phone (issue 16 §2): saves as they go, keeps a copy until the server has it.
    'inspect.js': { body: readFileSync(path.join(root, 'src/assets/inspect.js')), type: 'text/javascript; charset=utf-8' },
  };
  const byUrl = new Map<string, Asset>();
  const urls = new Map<string, string>();
  for (const [name, file] of Object.entries(files)) {
    const ext = path.extname(name);
    const url = `/assets/${path.basename(name, ext)}.${fingerprint(file.body)}${ext}`;
    byUrl.set(url, {
      ...file,
      url,
      br: brotliCompressSync(file.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } }),
      gzip: gzipSync(file.body, { level: 9 }),
    });
    urls.set(name, url);
  }
  app.decorate('assetUrl', (name: string) => {
    const url = urls.get(name);
    if (!url) throw new Error(`Unknown asset ${name}`);
    return url;
  });
  app.get('/assets/:file', { config: { access: 'public' } }, async (request, reply) => {
    const asset = byUrl.get(request.url.split('?')[0] ?? '');
    if (!asset) return reply.code(404).type('text/plain').send('Not found');
    reply.type(asset.type).header('Cache-Control', 'public, max-age=31536000, immutable').header('Vary', 'Accept-Encoding');
    const accepts = String(request.headers['accept-encoding'] ?? '');
    if (/\bbr\b/.test(accepts)) return reply.header('Content-Encoding', 'br').send(asset.br);
    if (/\bgzip\b/.test(accepts)) return reply.header('Content-Encoding', 'gzip').send(asset.gzip);
    return reply.send(asset.body);
  });
}

export default fp(assets, { name: 'assets' });

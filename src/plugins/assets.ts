/**
 * Serves the few static files Chorus needs, from memory, fingerprinted for long caching:
 * our compiled Sass, govuk-frontend's JavaScript and our icon.
 * Only these: serving govuk-frontend's dist whole would expose its sources and its crown images.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import * as sass from 'sass';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
const govukDist = path.dirname(require.resolve('govuk-frontend/package.json')) + '/dist/govuk';

type Asset = { body: Buffer; type: string; url: string };

function fingerprint(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 12);
}

/** Compiles chorus.scss, caching the result on disk by a hash of its inputs (tests start many apps). */
export function compileCss(): Buffer {
  const source = path.join(root, 'src/assets/chorus.scss');
  const govukVersion = (JSON.parse(readFileSync(path.join(govukDist, '../../package.json'), 'utf8')) as { version: string }).version;
  const key = createHash('sha256').update(readFileSync(source)).update(govukVersion).digest('hex').slice(0, 16);
  const cacheDir = path.join(root, '.cache');
  const cached = path.join(cacheDir, `chorus-${key}.css`);
  if (existsSync(cached)) return readFileSync(cached);
  const result = sass.compile(source, {
    importers: [new sass.NodePackageImporter(root)],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import'],
  });
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cached, result.css);
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
  };
  const byUrl = new Map<string, Asset>();
  const urls = new Map<string, string>();
  for (const [name, file] of Object.entries(files)) {
    const ext = path.extname(name);
    const url = `/assets/${path.basename(name, ext)}.${fingerprint(file.body)}${ext}`;
    byUrl.set(url, { ...file, url });
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
    return reply.type(asset.type).header('Cache-Control', 'public, max-age=31536000, immutable').send(asset.body);
  });
}

export default fp(assets, { name: 'assets' });

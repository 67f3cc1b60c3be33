/**
 * Public pages of an area: home ("have your say"), the charter (standard and easy read),
 * forums and boards, contact. Plus the installation's home page and the symbol files.
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import * as activities from '../activities/activities.service.ts';
import * as areas from './areas.service.ts';
import * as pictures from './pictures.service.ts';
import { parsePictureRef, searchSymbols } from '../../lib/symbols.ts';
import { privacyNoticeSchedule } from '../privacy/retention.service.ts';
import { PRIVACY_NOTICE_VERSION } from '../privacy/consent.service.ts';

const require = createRequire(import.meta.url);
const openmojiSvg = path.join(path.dirname(require.resolve('openmoji/package.json')), 'color', 'svg');

export default async function areasRoutes(app: FastifyInstance) {
  const { db } = app;
  const publicRoute = { config: { access: 'public' as const } };

  app.get('/', publicRoute, async (request, reply) => {
    return reply.page('areas/views/installation-home.njk', { title: request.t('home.title'), areas: await areas.listAreas(db) });
  });

  app.get('/a/:area', publicRoute, async (request, reply) => {
    const area = request.area!;
    const [organisations, haveYourSay] = await Promise.all([areas.listOrganisations(db, area.id), activities.haveYourSay(db, area, request.t, request.lang)]);
    return reply.page('areas/views/area-home.njk', { title: area.name, organisations, haveYourSay });
  });

  app.get('/a/:area/charter', publicRoute, async (request, reply) => {
    const charter = await areas.findCharter(db, request.area!.id);
    return reply.page('areas/views/charter.njk', { title: charter?.title ?? request.t('charter.title'), charter });
  });

  app.get('/a/:area/charter/easy-read', publicRoute, async (request, reply) => {
    const charter = await areas.findCharter(db, request.area!.id);
    return reply.page('areas/views/charter-easy-read.njk', { title: request.t('charter.easyReadTitle'), charter });
  });

  app.get('/a/:area/forums', publicRoute, async (request, reply) => {
    const { forums, boards } = await areas.listForumsAndBoards(db, request.area!.id);
    const boardNames = new Map(boards.map((b) => [b.id, b.name]));
    const forumNames = new Map(forums.map((f) => [f.id, f.name]));
    return reply.page('areas/views/forums.njk', {
      title: request.t('forums.title'),
      forums: forums.map((f) => ({ ...f, boards: f.boardIds.map((id) => boardNames.get(id)) })),
      boards: boards.map((b) => ({ ...b, forums: b.forumIds.map((id) => forumNames.get(id)) })),
    });
  });

  for (const prefix of ['', '/a/:area']) {
    app.get(`${prefix}/contact`, publicRoute, async (request, reply) => reply.page('pages/contact.njk', { title: request.t('static.contactTitle') }));
    app.get(`${prefix}/accessibility`, publicRoute, async (request, reply) => reply.page('pages/accessibility.njk', { title: request.t('static.accessibilityTitle') }));
    app.get(`${prefix}/privacy`, publicRoute, async (request, reply) =>
      reply.page('pages/privacy.njk', { title: request.t('static.privacyTitle'), retention: await privacyNoticeSchedule(db, request.area?.id), noticeVersion: PRIVACY_NOTICE_VERSION }),
    );
  }

  // OpenMoji symbols (CC BY-SA 4.0), served from the bundled package: no third-party request.
  app.get('/symbols/:hexcode', publicRoute, async (request, reply) => {
    const { hexcode } = request.params as { hexcode: string };
    // An area's own picture used as a symbol: read under that area's row-level security, sent with
    // the type Chorus itself wrote when it re-encoded it, never sniffed; the bytes behind a picture
    // id never change (a new upload is a new id), so it is cached for good.
    const picture = parsePictureRef(hexcode.replace(/\.svg$/, ''));
    if (picture) {
      const found = await pictures.pictureBytes(db, picture.areaId, picture.pictureId);
      if (!found) return reply.callNotFound();
      return reply
        .type(found.contentType)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "default-src 'none'; sandbox")
        .header('Cache-Control', 'public, max-age=31536000, immutable')
        .header('ETag', `"${found.fingerprint}"`)
        .send(found.bytes);
    }
    const match = /^([0-9A-F]{2,6}(?:-[0-9A-F]{2,6}){0,8})\.svg$/.exec(hexcode);
    if (!match) return reply.callNotFound();
    try {
      const svg = await readFile(path.join(openmojiSvg, `${match[1]}.svg`));
      return reply.type('image/svg+xml').header('Cache-Control', 'public, max-age=604800').send(svg);
    } catch {
      return reply.callNotFound();
    }
  });

  // The pickers' search as you type (src/assets/symbol-search.js): OpenMoji only, which is public;
  // an area's pictures are already on the picker page. At most 24 results, like the page.
  app.get('/symbols/search', publicRoute, async (request, reply) => {
    const q = (request.query as Record<string, unknown> | undefined)?.q;
    const results = typeof q === 'string' ? searchSymbols(q) : [];
    return reply.header('Cache-Control', 'public, max-age=3600').send(results);
  });

  app.get('/symbols/attribution', publicRoute, async (request, reply) => reply.page('pages/symbols-attribution.njk', { title: 'Symbols' }));
}

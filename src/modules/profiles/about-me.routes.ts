/**
 * Profiles (issue 17 §3), part: "All about me" and "My views for my plan": build, versions, photos,
 * shares, print. Every page asks first who is asking: the young person's own pages (`actingFor`
 * through the service) and every page that shows a profile (`profileAccess`) answer 404 to everyone
 * else, staff included. Plain forms that post and redirect, one section a page: they work with
 * JavaScript off, by keyboard alone and at 320 px; a symbol search shows its results on the same
 * form, keeping what was typed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import { errorState, parseForm, type ErrorState } from '../../lib/form-errors.ts';
import { isId } from '../../lib/ids.ts';
import { MAX_QUERY_LENGTH, searchSymbols } from '../../lib/symbols.ts';
import { acceptOneFile, uploadOf } from '../../lib/uploads.ts';
import { ImageError, MAX_UPLOAD_BYTES, MAX_UPLOAD_MB, reencodeImage } from '../areas/areas.service.ts';
import { sendQueuedNow } from '../notifications/queued-messages.service.ts';
import { sendAlertsNow } from '../privacy/safeguarding.service.ts';
import type { ProfileAccess, ProfileContent, ProfileItem } from './core.ts';
import { myViewsForm, photoForm, readSection, shareForm, stopForm } from './about-me.forms.ts';
import * as profiles from './about-me.service.ts';

const K = 'profiles.aboutMe.';
const signedIn = { config: { access: { action: 'account.view' as const } } };
const open = { config: { access: 'public' as const } };

/** The symbol shown beside each section's heading (OpenMoji). */
export const SECTION_SYMBOLS: Record<string, string> = {
  likes: '1F60A',
  important: '2B50',
  support: '1F91D',
  communicate: '1F4AC',
  dislikes: '1F44E',
  working: '2705',
  not_working: '274C',
  future: '1F308',
  know: '1F4A1',
};

type Params = { area: string; youngPersonId?: string; viewsId?: string; profileId?: string; shareToken?: string; photoId?: string; number?: string };

/** A profile being worked on by its owner or parent carer, with its addresses. */
type Target = { access: ProfileAccess; base: string; home: string; mayChange: boolean };

export default async function aboutMeRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const printJs = app.assetUrl('read-aloud.js');
  app.addHook('preValidation', async (request) => {
    for (const [name, value] of Object.entries((request.params ?? {}) as Record<string, unknown>)) if (name.endsWith('Id') && !isId(value)) throw new NotFoundError(name);
  });
  const p = (request: FastifyRequest) => request.params as Params;
  const areaId = (request: FastifyRequest) => request.area!.id;
  const youngBase = (request: FastifyRequest) => `/a/${request.area!.slug}/young/${p(request).youngPersonId}`;
  const photoSrc = (request: FastifyRequest, id: string, token?: string) => `/a/${request.area!.slug}/profiles/photos/${id}${token ? `?link=${encodeURIComponent(token)}` : ''}`;

  const aboutMe = async (request: FastifyRequest): Promise<Target> => {
    const access = await profiles.aboutMeFor(db, areaId(request), request.actor ?? null, p(request).youngPersonId!);
    if (!access) throw new NotFoundError('profile');
    return { access, base: `${youngBase(request)}/profile`, home: youngBase(request), mayChange: profiles.mayChange(access) };
  };
  const myViews = async (request: FastifyRequest): Promise<Target> => {
    const access = await profiles.myViewsFor(db, areaId(request), request.actor ?? null, p(request).youngPersonId!, p(request).viewsId!);
    if (!access) throw new NotFoundError('profile');
    return { access, base: `${youngBase(request)}/my-views/${access.profile.id}`, home: `${youngBase(request)}/my-views`, mayChange: profiles.mayChange(access) };
  };
  const changing = async (request: FastifyRequest, find: (r: FastifyRequest) => Promise<Target>) => {
    const target = await find(request);
    if (!target.mayChange) throw new NotFoundError('profile');
    return target;
  };

  /** The sections of a profile, ready to show: headings, symbols, and photos as addresses with their words. */
  const shown = async (request: FastifyRequest, access: ProfileAccess, content: ProfileContent, token?: string) => {
    const photos = new Map((await profiles.photos(db, areaId(request), access.profile.id)).map((ph) => [ph.id, ph]));
    return profiles.sectionsOf(access.profile.kind).map((key) => ({
      key,
      title: request.t(`${K}sections.${key}.title`),
      symbol: SECTION_SYMBOLS[key],
      items: ((content as Record<string, ProfileItem[] | undefined>)[key] ?? []).map((i) => ({
        text: i.text,
        symbol: i.symbol,
        photo: i.photoId && photos.has(i.photoId) ? { src: photoSrc(request, i.photoId, token), alt: photos.get(i.photoId)!.alt } : null,
      })),
    }));
  };
  const kindKey = (access: ProfileAccess) => (access.profile.kind === 'all_about_me' ? 'aboutMe' : 'myViews');

  // ── the young person's own page ──
  const ownPage = async (request: FastifyRequest, reply: FastifyReply, target: Target, print = false) => {
    const { access } = target;
    const sections = await shown(request, access, access.profile.content);
    const empty = sections.every((s) => s.items.length === 0);
    return reply.page('profiles/views/about-me/profile.njk', {
      title: access.profile.kind === 'all_about_me' ? request.t(`${K}title`) : access.profile.title,
      kind: kindKey(access),
      young: access.young,
      as: access.as,
      sections,
      empty,
      print,
      printJs: print ? printJs : undefined,
      target,
      shareCount: print ? 0 : (await profiles.shares(db, areaId(request), access.profile.id)).length,
      backLink: print ? target.base.replace(/\/print$/, '') : target.home,
    });
  };

  app.get('/a/:area/young/:youngPersonId/profile', signedIn, async (request, reply) => ownPage(request, reply, await aboutMe(request)));
  app.get('/a/:area/young/:youngPersonId/profile/print', signedIn, async (request, reply) => ownPage(request, reply, await aboutMe(request), true));
  app.get('/a/:area/young/:youngPersonId/my-views/:viewsId', signedIn, async (request, reply) => ownPage(request, reply, await myViews(request)));
  app.get('/a/:area/young/:youngPersonId/my-views/:viewsId/print', signedIn, async (request, reply) => ownPage(request, reply, await myViews(request), true));

  // ── build it, a section a page ──
  const sectionParam = (request: FastifyRequest, target: Target) => {
    const keys = profiles.sectionsOf(target.access.profile.kind);
    const asked = (request.query as Record<string, unknown>).section;
    return keys.includes(String(asked)) ? String(asked) : keys[0]!;
  };

  type EditState = Partial<ErrorState> & { items?: ProfileItem[]; newItem?: ProfileItem | null; version?: number; symbolQuery?: string; searched?: boolean; stale?: boolean; savedItems?: ProfileItem[] };

  const editPage = async (request: FastifyRequest, reply: FastifyReply, target: Target, section: string, state: EditState = {}, status = 200) => {
    const { access } = target;
    const keys = profiles.sectionsOf(access.profile.kind);
    const index = keys.indexOf(section);
    const photos = await profiles.photos(db, areaId(request), access.profile.id);
    const photoMap = new Map(photos.map((ph) => [ph.id, ph]));
    const items = state.items ?? (access.profile.content as Record<string, ProfileItem[] | undefined>)[section] ?? [];
    const query = (state.symbolQuery ?? '').trim().slice(0, MAX_QUERY_LENGTH);
    return reply.page(
      'profiles/views/about-me/edit.njk',
      {
        title: request.t(`${K}sections.${section}.title`),
        kind: kindKey(access),
        profileTitle: access.profile.kind === 'all_about_me' ? request.t(`${K}title`) : access.profile.title,
        section,
        sectionSymbol: SECTION_SYMBOLS[section],
        step: index + 1,
        steps: keys.length,
        action: `${target.base}/edit?section=${section}`,
        nextSection: keys[index + 1] ?? null,
        previous: index > 0 ? `${target.base}/edit?section=${keys[index - 1]}` : null,
        items: items.map((i) => ({ ...i, photo: i.photoId && photoMap.has(i.photoId) ? { src: photoSrc(request, i.photoId), alt: photoMap.get(i.photoId)!.alt } : null })),
        newItem: state.newItem ?? { text: '', symbol: null, photoId: null },
        photos: photos.map((ph) => ({ id: ph.id, alt: ph.alt, src: photoSrc(request, ph.id) })),
        photosLink: access.profile.kind === 'all_about_me' ? `${target.base}/photos?section=${section}` : null,
        version: state.version ?? access.profile.version,
        symbolResults: query ? searchSymbols(query, 12) : [],
        symbolQuery: query,
        searched: state.searched,
        stale: state.stale,
        savedItems: state.savedItems,
        errors: state.errors,
        errorSummary: state.errorSummary,
        backLink: target.base,
        home: target.base,
      },
      status,
    );
  };

  const editGet = (find: (r: FastifyRequest) => Promise<Target>) => async (request: FastifyRequest, reply: FastifyReply) => {
    const target = await changing(request, find);
    return editPage(request, reply, target, sectionParam(request, target));
  };

  const editPost = (find: (r: FastifyRequest) => Promise<Target>) => async (request: FastifyRequest, reply: FastifyReply) => {
    const target = await changing(request, find);
    const section = sectionParam(request, target);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { form, problems } = readSection(body);
    const kept: EditState = { items: form.items, newItem: form.newItem, version: form.version, symbolQuery: typeof body.symbolSearch === 'string' ? body.symbolSearch : '' };
    if (form.action === 'search') return editPage(request, reply, target, section, { ...kept, searched: true });
    if (problems.length) {
      const state = errorState(problems.map((pr) => ({ field: pr.field, text: request.t(pr.text, { max: 500 }) })));
      return editPage(request, reply, target, section, { ...kept, ...state }, 422);
    }
    if (form.action === 'add' && !form.newItem) {
      const state = errorState([{ field: 'newText', text: request.t(`${K}errors.nothing`) }]);
      return editPage(request, reply, target, section, { ...kept, ...state }, 422);
    }
    let items = [...form.items];
    if (form.action === 'remove' && form.remove !== null) items.splice(form.remove, 1);
    else if (form.newItem) items.push(form.newItem);
    items = items.filter((i) => i.text || i.symbol || i.photoId);
    if (items.length > profiles.MAX_ITEMS_PER_SECTION) {
      const state = errorState([{ field: 'newText', text: request.t(`${K}errors.tooMany`, { max: profiles.MAX_ITEMS_PER_SECTION }) }]);
      return editPage(request, reply, target, section, { ...kept, ...state }, 422);
    }
    const content: ProfileContent = { ...target.access.profile.content, [section]: items };
    try {
      const saved = await profiles.saveContent(db, areaId(request), request.actor!.accountId, target.access.profile.id, content, form.version);
      if (saved.raised) sendAlertsNow(db, app.notifierFor, app.config.baseUrl, areaId(request), (error) => request.log.error({ err: error }, 'safeguarding alert not sent yet; the minute job will try again'));
    } catch (error) {
      if (!(error instanceof profiles.StaleProfileError)) throw error;
      const fresh = await find(request);
      const state = errorState([{ field: 'newText', text: request.t(`${K}errors.stale`) }]);
      return editPage(request, reply, fresh, section, { ...kept, ...state, version: fresh.access.profile.version, stale: true, savedItems: (fresh.access.profile.content as Record<string, ProfileItem[] | undefined>)[section] ?? [] }, 409);
    }
    const keys = profiles.sectionsOf(target.access.profile.kind);
    const next = keys[keys.indexOf(section) + 1];
    if (form.action === 'next') {
      if (next) return reply.flash(request.t(`${K}savedSection`)).redirect(`${target.base}/edit?section=${next}`, 303);
      return reply.flash(request.t(`${K}savedAll`)).redirect(target.base, 303);
    }
    return reply.flash(request.t(form.action === 'remove' ? `${K}removed` : `${K}added`)).redirect(`${target.base}/edit?section=${section}#new-item`, 303);
  };

  app.get('/a/:area/young/:youngPersonId/profile/edit', signedIn, editGet(aboutMe));
  app.post('/a/:area/young/:youngPersonId/profile/edit', signedIn, editPost(aboutMe));
  app.get('/a/:area/young/:youngPersonId/my-views/:viewsId/edit', signedIn, editGet(myViews));
  app.post('/a/:area/young/:youngPersonId/my-views/:viewsId/edit', signedIn, editPost(myViews));

  // ── versions ──
  app.get('/a/:area/young/:youngPersonId/profile/versions', signedIn, async (request, reply) => {
    const target = await aboutMe(request);
    const list = await profiles.versions(db, areaId(request), target.access.profile, target.access.young);
    return reply.page('profiles/views/about-me/versions.njk', { title: request.t(`${K}versions.title`), target, as: target.access.as, list, backLink: target.base });
  });

  app.get('/a/:area/young/:youngPersonId/profile/versions/:number', signedIn, async (request, reply) => {
    const target = await aboutMe(request);
    const number = Number.parseInt(String(p(request).number), 10);
    const found = Number.isSafeInteger(number) && number > 0 && number < 1_000_000 ? await profiles.version(db, areaId(request), target.access.profile.id, number) : undefined;
    if (!found) throw new NotFoundError('profile version');
    const sections = await shown(request, target.access, found.content);
    return reply.page('profiles/views/about-me/version.njk', { title: request.t(`${K}versions.one`, { number: found.version }), found, sections, current: found.version === target.access.profile.version, backLink: `${target.base}/versions` });
  });

  // ── photos ──
  const photosPage = async (request: FastifyRequest, reply: FastifyReply, target: Target, state: Partial<ErrorState> & { values?: Record<string, unknown> } = {}, status = 200) => {
    const list = await profiles.photos(db, areaId(request), target.access.profile.id);
    const section = sectionParam(request, target);
    return reply.page(
      'profiles/views/about-me/photos.njk',
      {
        title: request.t(`${K}photos.title`),
        action: `${target.base}/photos?section=${section}`,
        photos: list.map((ph) => ({ ...ph, src: photoSrc(request, ph.id) })),
        maxMb: MAX_UPLOAD_MB,
        full: list.length >= profiles.MAX_PHOTOS,
        values: state.values ?? {},
        errors: state.errors,
        errorSummary: state.errorSummary,
        backLink: `${target.base}/edit?section=${section}`,
      },
      status,
    );
  };
  app.get('/a/:area/young/:youngPersonId/profile/photos', signedIn, async (request, reply) => photosPage(request, reply, await changing(request, aboutMe)));

  await app.register(async (uploads) => {
    await acceptOneFile(uploads, MAX_UPLOAD_BYTES);
    uploads.post('/a/:area/young/:youngPersonId/profile/photos', signedIn, async (request, reply) => {
      const target = await changing(request, aboutMe);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values = { alt: typeof body.alt === 'string' ? body.alt : '' };
      const form = parseForm(photoForm, body, request.t);
      let image;
      let fileError: ErrorState | undefined;
      try {
        image = await reencodeImage(uploadOf(request).bytes, { truncated: uploadOf(request).truncated });
      } catch (error) {
        if (!(error instanceof ImageError)) throw error;
        fileError = errorState([{ field: 'photo', text: request.t(`${K}errors.file.${error.problem}`, { mb: MAX_UPLOAD_MB }) }]);
      }
      if (!form.ok || fileError || !image) {
        const errors = { ...(fileError?.errors ?? {}), ...(form.ok ? {} : form.errors) };
        const errorSummary = [...(fileError?.errorSummary ?? []), ...(form.ok ? [] : form.summary)];
        return photosPage(request, reply, target, { errors, errorSummary, values }, 422);
      }
      const list = await profiles.photos(db, areaId(request), target.access.profile.id);
      if (list.length >= profiles.MAX_PHOTOS) return photosPage(request, reply, target, { ...errorState([{ field: 'photo', text: request.t(`${K}errors.file.full`, { max: profiles.MAX_PHOTOS }) }]), values }, 422);
      await profiles.addPhoto(db, areaId(request), target.access.profile.id, { alt: form.data.alt, image });
      return reply.flash(request.t(`${K}photos.added`)).redirect(`${target.base}/edit?section=${sectionParam(request, target)}#new-item`, 303);
    });
  });

  app.get('/a/:area/profiles/photos/:photoId', open, async (request, reply) => {
    const link = (request.query as Record<string, unknown>).link;
    const found = await profiles.photoFor(db, areaId(request), request.actor ?? null, p(request).photoId!, typeof link === 'string' && link.length <= 200 ? link : undefined);
    if (!found) throw new NotFoundError('photo');
    return reply
      .type('image/webp')
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .header('Cache-Control', 'private, no-store')
      .send(found.image);
  });

  // ── sharing ──
  const sharePage = async (request: FastifyRequest, reply: FastifyReply, target: Target, state: Partial<ErrorState> & { values?: Record<string, unknown> } = {}, status = 200) => {
    const list = await profiles.shares(db, areaId(request), target.access.profile.id);
    return reply.page(
      'profiles/views/about-me/share.njk',
      {
        title: request.t(`${K}share.title`),
        kind: kindKey(target.access),
        profileTitle: target.access.profile.kind === 'all_about_me' ? request.t(`${K}title`) : target.access.profile.title,
        action: `${target.base}/share`,
        stopAction: `${target.base}/share/stop`,
        list,
        linkDays: 90,
        values: state.values ?? {},
        errors: state.errors,
        errorSummary: state.errorSummary,
        backLink: target.base,
      },
      status,
    );
  };
  const shareGet = (find: (r: FastifyRequest) => Promise<Target>) => async (request: FastifyRequest, reply: FastifyReply) => sharePage(request, reply, await changing(request, find));
  const sharePost = (find: (r: FastifyRequest) => Promise<Target>) => async (request: FastifyRequest, reply: FastifyReply) => {
    const target = await changing(request, find);
    const form = parseForm(shareForm, request.body, request.t);
    if (!form.ok) return sharePage(request, reply, target, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const base = `${app.config.baseUrl}/a/${request.area!.slug}`;
    const done = await profiles.shareProfile(db, areaId(request), request.actor!.accountId, target.access.profile.id, form.data, {
      base,
      email: (link) => ({ subject: request.t(`${K}share.emailMessage.subject`), body: request.t(`${K}share.emailMessage.body`, { link, days: 90, who: target.access.young.displayName }) }),
      accountEmail: (link) => ({ subject: request.t(`${K}share.accountMessage.subject`), body: request.t(`${K}share.accountMessage.body`, { link, who: target.access.young.displayName, list: `${base}/profiles` }) }),
    });
    sendQueuedNow(db, app.notifierFor, request.area!, (error) => request.log.error({ err: error }, 'profile share email not sent yet; the minute job will try again'));
    return reply.flash(request.t(done.byLink ? `${K}share.sentLink` : `${K}share.shared`, { email: form.data.email })).redirect(`${target.base}/share`, 303);
  };
  const stopPost = (find: (r: FastifyRequest) => Promise<Target>) => async (request: FastifyRequest, reply: FastifyReply) => {
    const target = await changing(request, find);
    const form = stopForm.safeParse(request.body ?? {});
    if (!form.success) throw new NotFoundError('share');
    await profiles.revokeShare(db, areaId(request), request.actor!.accountId, target.access.profile.id, form.data.shareId);
    return reply.flash(request.t(`${K}share.stopped`)).redirect(`${target.base}/share`, 303);
  };
  app.get('/a/:area/young/:youngPersonId/profile/share', signedIn, shareGet(aboutMe));
  app.post('/a/:area/young/:youngPersonId/profile/share', signedIn, sharePost(aboutMe));
  app.post('/a/:area/young/:youngPersonId/profile/share/stop', signedIn, stopPost(aboutMe));
  app.get('/a/:area/young/:youngPersonId/my-views/:viewsId/share', signedIn, shareGet(myViews));
  app.post('/a/:area/young/:youngPersonId/my-views/:viewsId/share', signedIn, sharePost(myViews));
  app.post('/a/:area/young/:youngPersonId/my-views/:viewsId/share/stop', signedIn, stopPost(myViews));

  // ── what someone it is shared with sees ──
  const sharedPage = async (request: FastifyRequest, reply: FastifyReply, access: ProfileAccess, by: profiles.SharedBy | undefined, token?: string) => {
    const sections = await shown(request, access, access.profile.content, token);
    return reply.header('Cache-Control', 'private, no-store').header('Referrer-Policy', 'no-referrer').page('profiles/views/about-me/shared.njk', {
      title: access.profile.kind === 'all_about_me' ? request.t(`${K}shared.title`, { name: access.young.displayName }) : `${access.young.displayName}: ${access.profile.title}`,
      kind: kindKey(access),
      young: access.young,
      sections,
      by,
      printJs,
      empty: sections.every((s) => s.items.length === 0),
    });
  };

  // A worker's list of the pages children and young people have shared with them.
  app.get('/a/:area/profiles', signedIn, async (request, reply) => {
    const list = await profiles.sharedWithMe(db, areaId(request), request.actor!.accountId);
    return reply.page('profiles/views/about-me/shared-with-me.njk', {
      title: request.t(`${K}sharedWithMe.title`),
      list: list.map((l) => ({ ...l, href: `/a/${request.area!.slug}/profiles/${l.profileId}` })),
    });
  });

  app.get('/a/:area/profiles/:profileId', signedIn, async (request, reply) => {
    const access = await profiles.accessFor(db, areaId(request), request.actor ?? null, p(request).profileId!);
    if (!access) throw new NotFoundError('profile');
    const by = access.as === 'shared' ? await profiles.sharedWithAccount(db, areaId(request), access.profile.id, request.actor!.accountId) : undefined;
    return sharedPage(request, reply, access, by);
  });

  app.get('/a/:area/profiles/link/:shareToken', open, async (request, reply) => {
    const token = String(p(request).shareToken ?? '');
    const found = token.length <= 200 ? await profiles.profileOfLink(db, areaId(request), token) : null;
    if (!found) throw new NotFoundError('profile');
    return sharedPage(request, reply, found.access, found.share, token);
  });

  // ── My views for my plan ──
  app.get('/a/:area/young/:youngPersonId/my-views', signedIn, async (request, reply) => {
    const acting = await profiles.youngFor(db, areaId(request), request.actor ?? null, p(request).youngPersonId!);
    if (!acting) throw new NotFoundError('young person');
    const list = await profiles.listMyViews(db, areaId(request), acting.young.id);
    return reply.page('profiles/views/about-me/my-views.njk', {
      title: request.t(`${K}myViews.title`),
      young: acting.young,
      list: list.map((v) => ({ ...v, href: `${youngBase(request)}/my-views/${v.id}` })),
      mayChange: profiles.mayChange(acting),
      newLink: `${youngBase(request)}/my-views/new`,
      backLink: youngBase(request),
    });
  });

  const newPage = (request: FastifyRequest, reply: FastifyReply, state: Partial<ErrorState> & { values?: Record<string, unknown> } = {}, status = 200) =>
    reply.page('profiles/views/about-me/my-views-new.njk', { title: request.t(`${K}myViews.new.title`), action: `${youngBase(request)}/my-views/new`, values: state.values ?? {}, errors: state.errors, errorSummary: state.errorSummary, backLink: `${youngBase(request)}/my-views` }, status);
  const mayStart = async (request: FastifyRequest) => {
    const acting = await profiles.youngFor(db, areaId(request), request.actor ?? null, p(request).youngPersonId!);
    if (!acting || !profiles.mayChange(acting)) throw new NotFoundError('young person');
    return acting;
  };
  app.get('/a/:area/young/:youngPersonId/my-views/new', signedIn, async (request, reply) => {
    await mayStart(request);
    return newPage(request, reply);
  });
  app.post('/a/:area/young/:youngPersonId/my-views/new', signedIn, async (request, reply) => {
    const acting = await mayStart(request);
    const form = parseForm(myViewsForm, request.body, request.t);
    if (!form.ok) return newPage(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const id = await profiles.createMyViews(db, areaId(request), request.actor!.accountId, acting.young.id, form.data.title);
    return reply.flash(request.t(`${K}myViews.new.made`)).redirect(`${youngBase(request)}/my-views/${id}/edit`, 303);
  });
}

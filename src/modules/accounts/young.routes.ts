/**
 * A young person's own way in (issue 17 §1). Staff (young.manage) set up a young person: a code shown
 * once on a printable card, a picture password chosen together, parent carers linked or sent a set-up
 * link. The young person signs in with their code, then three pictures in order. My Chorus shows what
 * they took part in and what changed because of them; parent carers see it only when the rule
 * (`parentsMaySee`) allows. Plain forms that post and redirect: everything works without JavaScript.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { withArea } from '../../db/db.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { formError, parseForm } from '../../lib/form-errors.ts';
import { isId } from '../../lib/ids.ts';
import { whatChanged } from '../feedback/my-views.service.ts';
import { actingFor, childrenOf, parentsMaySee, thirteenOrOverFor, youngPersonOfAccount, YOUNG_AGE_BANDS, type YoungPerson } from './young-core.ts';
import { codeForm, newYoungForm, parentEmailForm, PICTURE_FIELDS, picturesForm, setupForm, signInPicturesForm, yesNoForm } from './young.forms.ts';
import * as young from './young.service.ts';

const K = 'accounts.young.';
const manage = { config: { access: { action: 'young.manage' as const } } };
const signedIn = { config: { access: { action: 'account.view' as const } } };
const publicRoute = { config: { access: 'public' as const } };

/** OpenMoji symbols on the young person's pages. */
const SYMBOLS = { key: '1F511', tookPart: '1F91D', changed: '1F4AC', thanks: '1F3C5', rewards: '1F381', profile: '1F642', views: '1F4DD', volunteer: '1F9D1', record: '1F4C4', settings: '1F512', parent: '1F46A', lock: '23F3' };

const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

function idParam(request: FastifyRequest, name: 'youngPersonId' | 'accountId'): string {
  const value = (request.params as Record<string, string | undefined>)[name];
  if (!isId(value)) throw new NotFoundError(name);
  return value;
}

export default async function youngRoutes(app: FastifyInstance): Promise<void> {
  const { db, notifier, config } = app;
  const addressFailures = app.failureLimit('young-code', young.YOUNG_CODE_FAILURES.windowMs);
  const pictureFailures = app.failureLimit('young-pictures', young.PICTURE_FAILURES.windowMs);

  const base = (request: FastifyRequest) => `/a/${request.area!.slug}`;
  const staffUrl = (request: FastifyRequest, id?: string) => `${base(request)}/young-people${id ? `/${id}` : ''}`;
  const myUrl = (request: FastifyRequest, id: string) => `${base(request)}/young/${id}`;
  const bandText = (request: FastifyRequest, band: string) => request.t(`${K}ageBands.${band}`);
  const pictures = (request: FastifyRequest) => young.YOUNG_PICTURES.map((p) => ({ id: p.id, symbol: p.symbol, alt: request.t(`${K}pictures.${p.id}`) }));

  // ── Staff: young people ─────────────────────────────────────────────────────────────────────

  app.get('/a/:area/young-people', manage, async (request, reply) => {
    const list = await young.listYoungPeople(db, request.area!.id);
    return reply.page('accounts/views/young/list.njk', {
      title: request.t(`${K}list.title`),
      people: list.map((y) => ({ name: y.displayName, band: bandText(request, y.ageBand), hasCode: y.hasCode, hasPictures: y.hasPictures, href: staffUrl(request, y.id) })),
      newHref: staffUrl(request, 'new'),
    });
  });

  const renderNew = (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page('accounts/views/young/new.njk', { title: request.t(`${K}new.title`), values, bands: YOUNG_AGE_BANDS.map((b) => ({ value: b, text: bandText(request, b), ask: thirteenOrOverFor(b) === 'ask' })), backHref: staffUrl(request), ...extra }, status);

  app.get('/a/:area/young-people/new', manage, (request, reply) => renderNew(request, reply, {}));

  app.post('/a/:area/young-people/new', manage, async (request, reply) => {
    const form = parseForm(newYoungForm, request.body, request.t, { ageBand: 'ageBand', thirteen: 'thirteen' });
    if (!form.ok) return renderNew(request, reply, form.values, { errors: form.errors, errorSummary: form.summary }, 422);
    const area = request.area!;
    const actorId = request.actor!.accountId;
    const input = form.data;
    const { youngPersonId } = await young.createYoungPerson(db, area.id, actorId, { displayName: input.displayName, ageBand: input.ageBand, thirteenOrOver: input.thirteenOrOver });
    let message = request.t(`${K}new.created`, { name: input.displayName });
    if (input.parentEmail) message += ` ${await addParent(request, youngPersonId, input.displayName, input.parentEmail)}`;
    return reply.flash(message).redirect(staffUrl(request, youngPersonId), 303);
  });

  /** Links an existing parent carer or emails a set-up link; returns what to tell staff. */
  const addParent = async (request: FastifyRequest, youngPersonId: string, childName: string, email: string): Promise<string> => {
    const area = request.area!;
    const actorId = request.actor!.accountId;
    if ((await young.linkGuardian(db, area.id, actorId, youngPersonId, email)) === 'linked') return request.t(`${K}parents.linked`, { email });
    const token = await young.createSetupLink(db, area.id, actorId, youngPersonId, email);
    const link = `${config.baseUrl.replace(/\/$/, '')}/a/${area.slug}/young/set-up/${token}`;
    await notifier.send({
      channel: 'email',
      recipient: email,
      areaSlug: area.slug,
      subject: request.t(`${K}setUp.emailSubject`, { area: area.name }),
      body: request.t(`${K}setUp.emailBody`, { name: childName, area: area.name, link, days: young.SETUP_LINK_DAYS }),
    });
    return request.t(`${K}parents.sent`, { email });
  };

  const renderPerson = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const y = await young.getYoungPerson(db, request.area!.id, idParam(request, 'youngPersonId'));
    const { guardians, pendingLinks } = await young.guardiansOf(db, request.area!.id, y.id);
    const url = staffUrl(request, y.id);
    return reply.page(
      'accounts/views/young/person.njk',
      {
        title: y.displayName,
        young: y,
        band: bandText(request, y.ageBand),
        under13: !y.thirteenOrOver,
        parentsMaySee: parentsMaySee(y),
        guardians: guardians.map((g) => ({ ...g, removeAction: `${url}/parents/${g.accountId}/remove` })),
        pendingLinks,
        pictures: pictures(request),
        pictureFields: PICTURE_FIELDS,
        values: {},
        errors: {},
        urls: { code: `${url}/code`, pictures: `${url}/pictures`, parents: `${url}/parents`, parentsSee: `${url}/parents-see`, list: staffUrl(request) },
        ...extra,
      },
      status,
    );
  };

  app.get('/a/:area/young-people/:youngPersonId', manage, (request, reply) => renderPerson(request, reply));

  app.post('/a/:area/young-people/:youngPersonId/code', manage, async (request, reply) => {
    const y = await young.getYoungPerson(db, request.area!.id, idParam(request, 'youngPersonId'));
    const code = await young.giveYoungCode(db, request.area!.id, request.actor!.accountId, y.id);
    reply.header('cache-control', 'no-store');
    return reply.page('accounts/views/young/card.njk', {
      title: request.t(`${K}card.title`, { name: y.displayName }),
      name: y.displayName,
      code,
      reissued: y.hasCode,
      keySymbol: SYMBOLS.key,
      signInAddress: `${config.baseUrl.replace(/\/$/, '')}${base(request)}/young/sign-in`,
      backHref: staffUrl(request, y.id),
    });
  });

  app.post('/a/:area/young-people/:youngPersonId/pictures', manage, async (request, reply) => {
    const id = idParam(request, 'youngPersonId');
    const form = parseForm(picturesForm, request.body, request.t, { first: 'first', second: 'second', third: 'third' });
    if (!form.ok) return renderPerson(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    await young.setPictures(db, request.area!.id, request.actor!.accountId, id, form.data);
    return reply.flash(request.t(`${K}person.picturesSaved`)).redirect(staffUrl(request, id), 303);
  });

  app.post('/a/:area/young-people/:youngPersonId/parents', manage, async (request, reply) => {
    const y = await young.getYoungPerson(db, request.area!.id, idParam(request, 'youngPersonId'));
    const form = parseForm(parentEmailForm, request.body, request.t, { email: 'parentEmail' });
    if (!form.ok) return renderPerson(request, reply, { errors: { parentEmail: form.errors.email }, errorSummary: form.summary, values: { parentEmail: form.values.email } }, 422);
    const message = await addParent(request, y.id, y.displayName, form.data.email);
    return reply.flash(message).redirect(staffUrl(request, y.id), 303);
  });

  app.post('/a/:area/young-people/:youngPersonId/parents/:accountId/remove', manage, async (request, reply) => {
    const id = idParam(request, 'youngPersonId');
    await young.unlinkGuardian(db, request.area!.id, request.actor!.accountId, id, idParam(request, 'accountId'));
    return reply.flash(request.t(`${K}parents.unlinked`)).redirect(staffUrl(request, id), 303);
  });

  app.post('/a/:area/young-people/:youngPersonId/parents-see', manage, async (request, reply) => {
    const y = await young.getYoungPerson(db, request.area!.id, idParam(request, 'youngPersonId'));
    // A 13+ young person chooses for themselves, on their own settings page.
    if (y.thirteenOrOver) throw new NotFoundError('young person 13 or over');
    const form = parseForm(yesNoForm, request.body, request.t, { choice: 'choice' });
    if (!form.ok) return renderPerson(request, reply, { errors: form.errors, errorSummary: form.summary }, 422);
    await young.recordParentsChoice(db, request.area!.id, request.actor!.accountId, y.id, form.data.choice === 'yes');
    return reply.flash(request.t(`${K}person.parentsSeeSaved`)).redirect(staffUrl(request, y.id), 303);
  });

  // ── Signing in (public) ─────────────────────────────────────────────────────────────────────

  const signInUrl = (request: FastifyRequest) => `${base(request)}/young/sign-in`;
  const tooMany = (request: FastifyRequest, reply: FastifyReply) => reply.page('accounts/views/young/message.njk', { title: request.t(`${K}signIn.tooManyTitle`), body: request.t(`${K}signIn.tooManyBody`), symbol: SYMBOLS.lock }, 429);

  const renderCode = (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page('accounts/views/young/sign-in.njk', { title: request.t(`${K}signIn.title`), values: {}, errors: {}, action: signInUrl(request), keySymbol: SYMBOLS.key, ...extra }, status);

  const renderPictures = (request: FastifyRequest, reply: FastifyReply, code: string, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page('accounts/views/young/sign-in-pictures.njk', { title: request.t(`${K}signIn.picturesTitle`), code, values: {}, errors: {}, action: `${signInUrl(request)}/pictures`, backHref: signInUrl(request), pictures: pictures(request), pictureFields: PICTURE_FIELDS, ...extra }, status);

  app.get('/a/:area/young/sign-in', publicRoute, (request, reply) => renderCode(request, reply));

  app.post('/a/:area/young/sign-in', publicRoute, async (request, reply) => {
    if ((await addressFailures.count(request.ip)) >= young.YOUNG_CODE_FAILURES.max) return tooMany(request, reply);
    const form = parseForm(codeForm, request.body, request.t);
    if (!form.ok) return renderCode(request, reply, { errors: form.errors, errorSummary: form.summary, values: { code: String(form.values.code ?? '').slice(0, 40) } }, 422);
    // Whether the code exists is not said here: only once the pictures are also right.
    return renderPictures(request, reply, form.data.code);
  });

  app.post('/a/:area/young/sign-in/pictures', publicRoute, async (request, reply) => {
    if ((await addressFailures.count(request.ip)) >= young.YOUNG_CODE_FAILURES.max) return tooMany(request, reply);
    const form = parseForm(signInPicturesForm, request.body, request.t, { first: 'first', second: 'second', third: 'third' });
    const code = String((request.body as Record<string, unknown> | undefined)?.code ?? '').slice(0, 40);
    if (!form.ok) return renderPictures(request, reply, code, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const { first, second, third } = form.data;
    const result = await young.signInYoung(db, request.area!.id, form.data.code, [first, second, third], async (hash) => (await pictureFailures.count(hash)) >= young.PICTURE_FAILURES.max);
    if (result.outcome === 'locked') return reply.page('accounts/views/young/message.njk', { title: request.t(`${K}signIn.lockedTitle`), body: request.t(`${K}signIn.lockedBody`), symbol: SYMBOLS.lock }, 429);
    if (result.outcome === 'wrong') {
      const count = await addressFailures.fail(request.ip);
      if (result.codeHash) await pictureFailures.fail(result.codeHash);
      if (count > young.YOUNG_CODE_FAILURES.max) return tooMany(request, reply);
      const failed = formError('code', request.t(`${K}signIn.wrong`), { code });
      return renderCode(request, reply, { errors: failed.errors, errorSummary: failed.summary, values: failed.values }, 422);
    }
    await reply.signIn(result.accountId);
    return reply.redirect(myUrl(request, result.youngPersonId), 303);
  });

  // ── Where a signed-in person goes ───────────────────────────────────────────────────────────

  app.get('/a/:area/me', signedIn, async (request, reply) => {
    const area = request.area!;
    const accountId = request.actor!.accountId;
    const self = await withArea(db, area.id, (tx) => youngPersonOfAccount(tx, area.id, accountId));
    if (self) return reply.redirect(myUrl(request, self.id), 303);
    const children = await withArea(db, area.id, (tx) => childrenOf(tx, area.id, accountId));
    if (children.length) return reply.redirect(`${base(request)}/children`, 303);
    return reply.redirect(`${base(request)}/your-page`, 303);
  });

  /** The young person and who is asking, or 404 (staff never open a young person's pages). */
  const acting = async (request: FastifyRequest) => {
    const id = idParam(request, 'youngPersonId');
    const found = await withArea(db, request.area!.id, (tx) => actingFor(tx, request.area!.id, request.actor, id));
    if (!found) throw new NotFoundError('young person');
    return found;
  };

  app.get('/a/:area/young/:youngPersonId', signedIn, async (request, reply) => {
    const { young: y, as } = await acting(request);
    const area = request.area!;
    const [took, changed] = await Promise.all([young.tookPart(db, area.id, y.accountId), whatChanged(db, area.id, y.accountId)]);
    const url = myUrl(request, y.id);
    const dateText = (d: Date | string | null) => (d ? new Intl.DateTimeFormat(request.lang === 'cy' ? 'cy-GB' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(typeof d === 'string' ? new Date(`${d}T12:00:00Z`) : d) : '');
    const timeText = (minutes: number) => (minutes < 60 ? request.t(`${K}my.timeMinutes`, { count: minutes }) : request.t(`${K}my.timeHours`, { count: Math.round(minutes / 60) }));
    const items = [
      ...took.came.map((c) => ({ title: c.title, when: dateText(c.on), what: request.t(`${K}my.came`) })),
      ...took.panels.map((p) => ({ title: p.title, when: dateText(p.on), what: request.t(`${K}my.panel`) })),
      ...took.time.map((g) => ({ title: g.title, when: dateText(g.on), what: timeText(g.minutes ?? 0) })),
    ];
    const cards = (['thanks', 'rewards', 'profile', 'my-views', 'volunteer', 'record', 'settings'] as const).map((part) => ({
      href: `${url}/${part}`,
      text: request.t(`${K}my.cards.${part}`),
      symbol: SYMBOLS[part === 'my-views' ? 'views' : part],
    }));
    return reply.page('accounts/views/young/my.njk', {
      title: request.t(`${K}my.title`),
      young: y,
      asGuardian: as === 'guardian',
      items,
      changed: changed.activities.flatMap((a) => a.views.filter((v) => v.answer).map((v) => ({ activity: a.title, text: v.text, answer: v.answer }))),
      receiptHref: `${base(request)}/my-views`,
      cards,
      symbols: SYMBOLS,
    });
  });

  const renderSettings = async (request: FastifyRequest, reply: FastifyReply, y: YoungPerson, as: 'self' | 'guardian', extra: Record<string, unknown> = {}, status = 200) =>
    reply.page('accounts/views/young/settings.njk', { title: request.t(`${K}settings.title`), young: y, asGuardian: as === 'guardian', mayChoose: as === 'self' && y.thirteenOrOver, parentsMaySee: parentsMaySee(y), backHref: myUrl(request, y.id), values: { choice: y.parentsSee === null ? undefined : y.parentsSee ? 'yes' : 'no' }, symbols: SYMBOLS, ...extra }, status);

  app.get('/a/:area/young/:youngPersonId/settings', signedIn, async (request, reply) => {
    const { young: y, as } = await acting(request);
    return renderSettings(request, reply, y, as);
  });

  app.post('/a/:area/young/:youngPersonId/settings', signedIn, async (request, reply) => {
    const { young: y, as } = await acting(request);
    // Only a young person 13 or over chooses; nobody else may change it here.
    if (as !== 'self' || !y.thirteenOrOver) throw new NotFoundError('settings');
    const form = parseForm(yesNoForm, request.body, request.t, { choice: 'choice' });
    if (!form.ok) return renderSettings(request, reply, y, as, { errors: form.errors, errorSummary: form.summary, values: {} }, 422);
    await young.recordParentsChoice(db, request.area!.id, request.actor!.accountId, y.id, form.data.choice === 'yes');
    return reply.flash(request.t(`${K}settings.saved`)).redirect(myUrl(request, y.id), 303);
  });

  app.get('/a/:area/children', signedIn, async (request, reply) => {
    const area = request.area!;
    const children = await withArea(db, area.id, (tx) => childrenOf(tx, area.id, request.actor!.accountId));
    return reply.page('accounts/views/young/children.njk', {
      title: request.t(`${K}children.title`),
      children: children.map((c) => ({ name: c.displayName, href: parentsMaySee(c) ? myUrl(request, c.id) : null, setUpHref: c.managedBy === request.actor!.accountId ? childUrl(request, c.id) : null })),
      symbols: SYMBOLS,
    });
  });

  // A parent carer who manages a child's account may choose the child's code card and pictures with
  // them (or leave it: the child then uses Chorus only through the parent carer).
  const managed = async (request: FastifyRequest) => {
    const y = await young.getYoungPerson(db, request.area!.id, idParam(request, 'youngPersonId'));
    if (y.managedBy !== request.actor!.accountId) throw new NotFoundError('young person');
    return y;
  };
  const childUrl = (request: FastifyRequest, id: string) => `${base(request)}/children/${id}`;

  const renderChild = async (request: FastifyRequest, reply: FastifyReply, y: YoungPerson, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page('accounts/views/young/child.njk', { title: request.t(`${K}child.title`, { name: y.displayName }), young: y, pictures: pictures(request), pictureFields: PICTURE_FIELDS, values: {}, errors: {}, urls: { code: `${childUrl(request, y.id)}/code`, pictures: `${childUrl(request, y.id)}/pictures`, back: `${base(request)}/children` }, ...extra }, status);

  app.get('/a/:area/children/:youngPersonId', signedIn, async (request, reply) => renderChild(request, reply, await managed(request)));

  app.post('/a/:area/children/:youngPersonId/code', signedIn, async (request, reply) => {
    const y = await managed(request);
    const code = await young.giveYoungCode(db, request.area!.id, request.actor!.accountId, y.id);
    reply.header('cache-control', 'no-store');
    return reply.page('accounts/views/young/card.njk', { title: request.t(`${K}card.title`, { name: y.displayName }), name: y.displayName, code, reissued: y.hasCode, keySymbol: SYMBOLS.key, signInAddress: `${config.baseUrl.replace(/\/$/, '')}${base(request)}/young/sign-in`, backHref: childUrl(request, y.id) });
  });

  app.post('/a/:area/children/:youngPersonId/pictures', signedIn, async (request, reply) => {
    const y = await managed(request);
    const form = parseForm(picturesForm, request.body, request.t, { first: 'first', second: 'second', third: 'third' });
    if (!form.ok) return renderChild(request, reply, y, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    await young.setPictures(db, request.area!.id, request.actor!.accountId, y.id, form.data);
    return reply.flash(request.t(`${K}person.picturesSaved`)).redirect(childUrl(request, y.id), 303);
  });

  // ── A parent carer's set-up link (public; the button does it, never the GET) ─────────────────

  const expired = (request: FastifyRequest, reply: FastifyReply) =>
    reply.page('accounts/views/young/message.njk', { title: request.t(`${K}setUp.expiredTitle`), body: request.t(`${K}setUp.expiredBody`), symbol: SYMBOLS.parent }, 410);

  const token = (request: FastifyRequest) => {
    const parsed = tokenParams.safeParse(request.params);
    return parsed.success ? parsed.data.token : undefined;
  };

  app.get('/a/:area/young/set-up/:token', publicRoute, async (request, reply) => {
    const t = token(request);
    const link = t && (await young.findSetupLink(db, request.area!.id, t));
    if (!t || !link) return expired(request, reply);
    reply.header('cache-control', 'no-store');
    return reply.page('accounts/views/young/set-up.njk', { title: request.t(`${K}setUp.title`, { name: link.childName }), link, action: `${base(request)}/young/set-up/${t}`, values: {}, errors: {} });
  });

  app.post('/a/:area/young/set-up/:token', publicRoute, async (request, reply) => {
    const t = token(request);
    if (!t) return expired(request, reply);
    const form = parseForm(setupForm, request.body, request.t);
    if (!form.ok) {
      const link = await young.findSetupLink(db, request.area!.id, t);
      if (!link) return expired(request, reply);
      return reply.page('accounts/views/young/set-up.njk', { title: request.t(`${K}setUp.title`, { name: link.childName }), link, action: `${base(request)}/young/set-up/${t}`, values: form.values, errors: form.errors, errorSummary: form.summary }, 422);
    }
    const used = await young.useSetupLink(db, request.area!.id, t, form.data.displayName);
    if (!used) return expired(request, reply);
    await reply.signIn(used.accountId);
    return reply.flash(request.t(`${K}setUp.done`)).redirect(`${base(request)}/children`, 303);
  });
}

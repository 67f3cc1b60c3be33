/**
 * Profiles (issue 17 §3), part: volunteers and support workers, what matters to a young person,
 * suggestions, introductions and how they went.
 *
 * Staff (volunteer.manage): /a/:area/volunteers (list, new, edit with a version check, a photo),
 * /a/:area/introductions (arrange, record met, confirm only with the young person's say, end).
 * The young person (or a parent carer the rule allows; accounts core actingFor, 404 for anyone
 * else, staff included): /a/:area/young/:youngPersonId/volunteer (what matters → people you could
 * meet → "I want to meet Sam") and /a/:area/young/:youngPersonId/introductions/:introductionId (how
 * did it go: faces and words, carry on?). Plain forms that post and redirect: everything works
 * without JavaScript and by keyboard.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../lib/authorisation.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { errorState, parseForm, type ErrorState } from '../../lib/form-errors.ts';
import { acceptOneFile, uploadOf } from '../../lib/uploads.ts';
import { londonParts } from '../activities/activities.service.ts';
import { ImageError, listOrganisations, MAX_UPLOAD_BYTES, MAX_UPLOAD_MB, reencodeImage } from '../areas/areas.service.ts';
import { sendAlertsNow } from '../privacy/safeguarding.service.ts';
import { CARRY_ON, DBS_VALID_YEARS, dbsCurrent, FACES, INTERESTS, SKILLS, SYMBOL_OF, TRAITS, WISHES, type Choice } from './volunteers.choices.ts';
import { ABOUT_MAX, AVAILABILITY_MAX, chooseForm, meetingForm, NAME_MAX, sayForm, SAY_WORDS_MAX, volunteerForm, WISH_WORDS_MAX, wishesForm } from './volunteers.forms.ts';
import * as volunteers from './volunteers.service.ts';

const K = 'profiles.volunteers.';
const manage = { config: { access: { action: 'volunteer.manage' as const } } };
const signedIn = { config: { access: { action: 'account.view' as const } } };
const PERSON_SYMBOL = '1F9D1';

const param = (request: FastifyRequest, name: string): string => {
  const value = (request.params as Record<string, string>)[name] ?? '';
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) throw new NotFoundError(name);
  return value;
};

export const volunteerUrls = (slug: string) => ({
  list: `/a/${slug}/volunteers`,
  new: `/a/${slug}/volunteers/new`,
  volunteer: (id: string) => `/a/${slug}/volunteers/${id}`,
  photo: (id: string) => `/a/${slug}/volunteers/${id}/photo`,
  introductions: `/a/${slug}/introductions`,
  introduction: (id: string) => `/a/${slug}/introductions/${id}`,
  young: (youngId: string) => ({
    home: `/a/${slug}/young/${youngId}`,
    volunteer: `/a/${slug}/young/${youngId}/volunteer`,
    wishes: `/a/${slug}/young/${youngId}/volunteer/wishes`,
    choose: `/a/${slug}/young/${youngId}/volunteer/choose`,
    introduction: (id: string) => `/a/${slug}/young/${youngId}/introductions/${id}`,
  }),
});

/** "likes football, knows Makaton and is calm", in the reader's language. */
export function becauseText(request: FastifyRequest, codes: readonly string[]): string {
  const words = codes.map((c) => request.t(`${K}because.${c}`));
  if (words.length <= 1) return words.join('');
  return request.t(`${K}because.list`, { first: words.slice(0, -1).join(', '), last: words.at(-1) });
}

/** "Friday 5 December 2026, 2:15pm" (or the date alone) in London, in the reader's language. */
function when(request: FastifyRequest, at: Date, style: 'date' | 'full' = 'full'): string {
  return new Intl.DateTimeFormat(request.lang === 'cy' ? 'cy-GB' : 'en-GB', style === 'date' ? { dateStyle: 'long', timeZone: 'Europe/London' } : { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/London' }).format(at);
}

export default async function volunteersRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const areaId = (request: FastifyRequest) => request.area!.id;
  const urls = (request: FastifyRequest) => volunteerUrls(request.area!.slug);
  const alertsIfRaised = (request: FastifyRequest, raised: boolean) => {
    if (raised) sendAlertsNow(db, app.notifierFor, app.config.baseUrl, areaId(request), (error) => request.log.error({ err: error }, 'safeguarding alert not sent yet; the minute job will try again'));
  };

  // ── Staff: volunteers and support workers ────────────────────────────────────────────────────

  const dbsText = (request: FastifyRequest, checkedOn: string | null) => {
    if (!checkedOn) return { ok: false, text: request.t(`${K}dbs.none`) };
    const date = when(request, new Date(`${checkedOn}T12:00:00Z`), 'date');
    return dbsCurrent(checkedOn) ? { ok: true, text: request.t(`${K}dbs.current`, { date }) } : { ok: false, text: request.t(`${K}dbs.old`, { date, years: DBS_VALID_YEARS }) };
  };

  app.get('/a/:area/volunteers', manage, async (request, reply) => {
    const list = await volunteers.listVolunteers(db, areaId(request));
    const u = urls(request);
    return reply.page('profiles/views/volunteers/list.njk', {
      title: request.t(`${K}list.title`),
      volunteers: list.map((v) => ({ name: v.displayName, kind: request.t(`${K}kinds.${v.kind}`), organisation: v.organisationName ?? '', dbs: dbsText(request, v.dbsCheckedOn), active: v.active, href: u.volunteer(v.id) })),
      years: DBS_VALID_YEARS,
      urls: u,
    });
  });

  const tickItems = (request: FastifyRequest, choices: readonly Choice[], chosen: unknown) => {
    const set = new Set(Array.isArray(chosen) ? chosen : [chosen]);
    return choices.map((c) => ({ value: c.code, text: request.t(`${K}choices.${c.code}`), checked: set.has(c.code) }));
  };

  const renderEdit = async (request: FastifyRequest, reply: FastifyReply, volunteer: volunteers.VolunteerRow | null, values: Record<string, unknown>, extra: Partial<ErrorState> = {}, status = 200) => {
    const organisations = await listOrganisations(db, areaId(request));
    const u = urls(request);
    return reply.page('profiles/views/volunteers/edit.njk', {
      title: volunteer ? volunteer.displayName : request.t(`${K}edit.newTitle`),
      volunteer: volunteer && { ...volunteer, photoSrc: volunteer.hasPhoto ? `${u.photo(volunteer.id)}?v=${volunteer.version}` : null, dbs: dbsText(request, volunteer.dbsCheckedOn) },
      values,
      errors: extra.errors ?? {},
      errorSummary: extra.errorSummary,
      kindItems: (['volunteer', 'support_worker'] as const).map((k) => ({ value: k, text: request.t(`${K}kinds.${k}`), checked: values.kind === k })),
      organisationItems: [{ value: '', text: request.t(`${K}edit.noOrganisation`) }, ...organisations.map((o) => ({ value: o.id, text: o.name, selected: o.id === values.organisationId }))],
      interestItems: tickItems(request, INTERESTS, values.interests),
      skillItems: tickItems(request, SKILLS, values.skills),
      traitItems: tickItems(request, TRAITS, values.traits),
      activeItems: [{ value: 'yes', text: request.t(`${K}edit.activeYes`), checked: values.active !== 'no' }, { value: 'no', text: request.t(`${K}edit.activeNo`), checked: values.active === 'no' }],
      max: { name: NAME_MAX, about: ABOUT_MAX, availability: AVAILABILITY_MAX },
      years: DBS_VALID_YEARS,
      maxMb: MAX_UPLOAD_MB,
      action: volunteer ? u.volunteer(volunteer.id) : u.new,
      photoAction: volunteer && u.photo(volunteer.id),
      removePhotoAction: volunteer && `${u.photo(volunteer.id)}/remove`,
      backLink: u.list,
    }, status);
  };

  const valuesOf = (v: volunteers.VolunteerRow): Record<string, unknown> => {
    const [y, m, d] = v.dbsCheckedOn ? v.dbsCheckedOn.split('-') : ['', '', ''];
    return {
      displayName: v.displayName, kind: v.kind, organisationId: v.organisationId ?? '', about: v.about, interests: v.interests, skills: v.skills, traits: v.traits, availability: v.availability,
      dbsDay: d ? String(Number(d)) : '', dbsMonth: m ? String(Number(m)) : '', dbsYear: y ?? '', active: v.active ? 'yes' : 'no', version: String(v.version),
    };
  };

  /** The organisation must be one of this area's (an id from elsewhere is an error on the field, never a 500). */
  const checkOrganisation = async (request: FastifyRequest, organisationId: string | null) =>
    organisationId === null || (await listOrganisations(db, areaId(request))).some((o) => o.id === organisationId);

  const FIELD_IDS = { kind: 'kind', dbs: 'dbsDay', interests: 'interests', active: 'active' };

  app.get('/a/:area/volunteers/new', manage, (request, reply) => renderEdit(request, reply, null, { kind: 'volunteer', active: 'yes' }));

  app.post('/a/:area/volunteers/new', manage, async (request, reply) => {
    const form = parseForm(volunteerForm, request.body, request.t, FIELD_IDS);
    if (!form.ok) return renderEdit(request, reply, null, form.values, { errors: form.errors, errorSummary: form.summary }, 422);
    if (!(await checkOrganisation(request, form.data.organisationId))) {
      return renderEdit(request, reply, null, request.body as Record<string, unknown>, errorState([{ field: 'organisationId', text: request.t(`${K}errors.organisationUnknown`) }]), 422);
    }
    const id = await volunteers.createVolunteer(db, areaId(request), request.actor!.accountId, form.data);
    return reply.flash(request.t(`${K}edit.added`, { name: form.data.displayName })).redirect(urls(request).volunteer(id), 303);
  });

  app.get('/a/:area/volunteers/:volunteerId', manage, async (request, reply) => {
    const v = await volunteers.getVolunteer(db, areaId(request), param(request, 'volunteerId'));
    return renderEdit(request, reply, v, valuesOf(v));
  });

  app.post('/a/:area/volunteers/:volunteerId', manage, async (request, reply) => {
    const v = await volunteers.getVolunteer(db, areaId(request), param(request, 'volunteerId'));
    const form = parseForm(volunteerForm, request.body, request.t, FIELD_IDS);
    if (!form.ok) return renderEdit(request, reply, v, { ...form.values, version: form.values.version ?? String(v.version) }, { errors: form.errors, errorSummary: form.summary }, 422);
    if (!(await checkOrganisation(request, form.data.organisationId))) {
      return renderEdit(request, reply, v, request.body as Record<string, unknown>, errorState([{ field: 'organisationId', text: request.t(`${K}errors.organisationUnknown`) }]), 422);
    }
    try {
      await volunteers.saveVolunteer(db, areaId(request), request.actor!.accountId, v.id, form.data.version, form.data);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Someone saved first: keep what was typed, on top of their version.
      return renderEdit(request, reply, v, { ...(request.body as Record<string, unknown>), version: String(v.version) }, errorState([{ field: 'displayName', text: request.t(`${K}errors.stale`) }]), 409);
    }
    return reply.flash(request.t(`${K}edit.saved`, { name: form.data.displayName })).redirect(urls(request).list, 303);
  });

  app.post('/a/:area/volunteers/:volunteerId/photo/remove', manage, async (request, reply) => {
    const id = param(request, 'volunteerId');
    await volunteers.setVolunteerPhoto(db, areaId(request), request.actor!.accountId, id, null);
    return reply.flash(request.t(`${K}edit.photoRemoved`)).redirect(urls(request).volunteer(id), 303);
  });

  // The photo itself: staff who manage volunteers, and young people (or their parent carers) choosing.
  app.get('/a/:area/volunteers/:volunteerId/photo', signedIn, async (request, reply) => {
    const staff = can(request.actor, 'volunteer.manage', { areaId: areaId(request) });
    const bytes = await volunteers.volunteerPhoto(db, areaId(request), request.actor, staff, param(request, 'volunteerId'));
    if (!bytes) throw new NotFoundError('volunteer photo');
    return reply
      .type('image/webp')
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .header('Cache-Control', 'private, max-age=3600')
      .send(bytes);
  });

  // The one form that carries a file: the only route here with a multipart parser.
  await app.register(async (uploads) => {
    await acceptOneFile(uploads, MAX_UPLOAD_BYTES);
    uploads.post('/a/:area/volunteers/:volunteerId/photo', manage, async (request, reply) => {
      const v = await volunteers.getVolunteer(db, areaId(request), param(request, 'volunteerId'));
      try {
        const image = await reencodeImage(uploadOf(request).bytes, { truncated: uploadOf(request).truncated });
        await volunteers.setVolunteerPhoto(db, areaId(request), request.actor!.accountId, v.id, image.bytes);
      } catch (error) {
        if (!(error instanceof ImageError)) throw error;
        return renderEdit(request, reply, v, valuesOf(v), errorState([{ field: 'photo', text: request.t(`${K}errors.file.${error.problem}`, { mb: MAX_UPLOAD_MB }) }]), 422);
      }
      return reply.flash(request.t(`${K}edit.photoAdded`)).redirect(urls(request).volunteer(v.id), 303);
    });
  });

  // ── Staff: introductions ─────────────────────────────────────────────────────────────────────

  const renderIntroductions = async (request: FastifyRequest, reply: FastifyReply, failed: { id: string; state: Partial<ErrorState>; values: Record<string, unknown> } | null = null, status = 200) => {
    const list = await volunteers.listIntroductions(db, areaId(request));
    const u = urls(request);
    const rows = list.map((i) => {
      const why = volunteers.notConfirmable(i);
      const meets = i.meetsAt ? londonParts(i.meetsAt) : undefined;
      const mine = failed?.id === i.id;
      const wishes = i.wishes.map((w) => request.t(`${K}because.${w}`)).join(', ');
      const row = (key: string, text: string) => ({ key: { text: request.t(`${K}introductions.${key}`) }, value: { text } });
      const rows = [
        row('chosen', when(request, i.chosenAt, 'date')),
        row('wishes', [wishes, i.wishWords ? `“${i.wishWords}”` : ''].filter(Boolean).join('. ') || request.t(`${K}introductions.nothing`)),
        row('meets', i.meetsAt ? when(request, i.meetsAt) : request.t(`${K}introductions.notSet`)),
        row('met', i.metAt ? when(request, i.metAt, 'date') : request.t(`${K}introductions.notYet`)),
        ...(i.saidAt
          ? [
              row('howItWent', [i.feeling ? request.t(`${K}faces.${i.feeling}`) : '', i.words ? `“${i.words}”` : ''].filter(Boolean).join('. ')),
              row('carryOn', i.carryOn ? request.t(`${K}carryOn.${i.carryOn}`) : ''),
              row('saidBy', `${request.t(i.saidByYoung ? `${K}introductions.saidByYoung` : `${K}introductions.saidByParent`, { name: i.youngName })}, ${when(request, i.saidAt, 'date')}`),
            ]
          : [row('howItWent', request.t(`${K}introductions.notSaid`, { name: i.youngName }))]),
        ...(i.confirmedAt ? [row('confirmedOn', when(request, i.confirmedAt, 'date'))] : []),
        ...(i.endedAt ? [row('endedOn', when(request, i.endedAt, 'date'))] : []),
      ];
      return {
        id: i.id,
        rows,
        youngName: i.youngName,
        volunteerName: i.volunteerName,
        chosen: when(request, i.chosenAt, 'date'),
        wishWords: i.wishWords,
        meets: i.meetsAt ? when(request, i.meetsAt) : null,
        met: i.metAt ? when(request, i.metAt, 'date') : null,
        said: i.saidAt ? {
          when: when(request, i.saidAt, 'date'),
          by: request.t(i.saidByYoung ? `${K}introductions.saidByYoung` : `${K}introductions.saidByParent`, { name: i.youngName }),
          feeling: i.feeling ? request.t(`${K}faces.${i.feeling}`) : '',
          words: i.words,
          carryOn: i.carryOn ? request.t(`${K}carryOn.${i.carryOn}`) : '',
          no: i.carryOn === 'no',
        } : null,
        confirmed: i.confirmedAt ? when(request, i.confirmedAt, 'date') : null,
        ended: i.endedAt ? when(request, i.endedAt, 'date') : null,
        canConfirm: why === null,
        whyNot: why && why !== 'confirmed' && why !== 'ended' ? request.t(`${K}introductions.whyNot.${why}`, { name: i.youngName }) : null,
        values: mine ? failed.values : { meetsDay: meets ? String(meets.day) : '', meetsMonth: meets ? String(meets.month) : '', meetsYear: meets ? String(meets.year) : '', meetsTime: meets ? meets.time : '' },
        errors: mine ? failed.state.errors ?? {} : {},
        actions: { meeting: `${u.introduction(i.id)}/meeting`, met: `${u.introduction(i.id)}/met`, confirm: `${u.introduction(i.id)}/confirm`, end: `${u.introduction(i.id)}/end` },
      };
    });
    return reply.page('profiles/views/volunteers/introductions.njk', {
      title: request.t(`${K}introductions.title`),
      waiting: rows.filter((r) => !r.ended && !r.confirmed),
      confirmed: rows.filter((r) => r.confirmed && !r.ended),
      ended: rows.filter((r) => r.ended),
      errorSummary: failed?.state.errorSummary,
      urls: u,
    }, status);
  };

  app.get('/a/:area/introductions', manage, (request, reply) => renderIntroductions(request, reply));

  app.post('/a/:area/introductions/:introductionId/meeting', manage, async (request, reply) => {
    const id = param(request, 'introductionId');
    const form = parseForm(meetingForm, request.body, request.t, { meets: `meetsDay-${id}`, meetsTime: `meetsTime-${id}` });
    if (!form.ok || !form.data) {
      const state = form.ok ? errorState([{ field: 'meets', text: request.t(`${K}errors.meetsInvalid`) }], { meets: `meetsDay-${id}` }) : { errors: form.errors, errorSummary: form.summary };
      return renderIntroductions(request, reply, { id, state, values: (request.body ?? {}) as Record<string, unknown> }, 422);
    }
    try {
      await volunteers.arrangeMeeting(db, areaId(request), request.actor!.accountId, id, form.data);
    } catch (error) {
      if (!(error instanceof volunteers.NotConfirmableError)) throw error;
      return reply.flash(request.t(`${K}introductions.refused.ended`)).redirect(urls(request).introductions, 303);
    }
    return reply.flash(request.t(`${K}introductions.arranged`)).redirect(`${urls(request).introductions}#intro-${id}`, 303);
  });

  app.post('/a/:area/introductions/:introductionId/met', manage, async (request, reply) => {
    const id = param(request, 'introductionId');
    try {
      await volunteers.recordMet(db, areaId(request), request.actor!.accountId, id);
    } catch (error) {
      if (!(error instanceof volunteers.NotConfirmableError)) throw error;
      return reply.flash(request.t(`${K}introductions.refused.ended`)).redirect(urls(request).introductions, 303);
    }
    return reply.flash(request.t(`${K}introductions.metRecorded`)).redirect(`${urls(request).introductions}#intro-${id}`, 303);
  });

  app.post('/a/:area/introductions/:introductionId/confirm', manage, async (request, reply) => {
    const id = param(request, 'introductionId');
    try {
      await volunteers.confirmMatch(db, areaId(request), request.actor!.accountId, id);
    } catch (error) {
      if (!(error instanceof volunteers.NotConfirmableError)) throw error;
      // A forced POST (the button is not on the page): refused, and the page says why.
      const intro = (await volunteers.listIntroductions(db, areaId(request))).find((i) => i.id === id);
      const text = request.t(`${K}introductions.refused.${error.why}`, { name: intro?.youngName ?? '' });
      return renderIntroductions(request, reply, { id, state: errorState([{ field: `confirm-${id}`, text }]), values: {} }, 409);
    }
    return reply.flash(request.t(`${K}introductions.confirmedNow`)).redirect(`${urls(request).introductions}#intro-${id}`, 303);
  });

  app.post('/a/:area/introductions/:introductionId/end', manage, async (request, reply) => {
    const id = param(request, 'introductionId');
    await volunteers.endIntroduction(db, areaId(request), request.actor!.accountId, id);
    return reply.flash(request.t(`${K}introductions.endedNow`)).redirect(urls(request).introductions, 303);
  });

  // ── The young person: what matters, people you could meet, choosing ──────────────────────────

  const account = (request: FastifyRequest) => request.actor?.accountId ?? null;

  const wishCards = (request: FastifyRequest, chosen: unknown) => {
    const set = new Set(Array.isArray(chosen) ? chosen : [chosen]);
    return WISHES.map((w) => ({ value: w.code, text: request.t(`${K}wishes.${w.code}`), symbol: w.symbol, checked: set.has(w.code) }));
  };

  const nextStep = (request: FastifyRequest, i: volunteers.IntroductionRow) => {
    const name = i.volunteerName;
    if (i.endedAt) return { text: request.t(`${K}young.next.ended`, { name }), symbol: '1F6AA' };
    if (i.confirmedAt) return { text: request.t(`${K}young.next.confirmed`, { name }), symbol: '1F91D' };
    if (i.saidAt) return { text: request.t(`${K}young.next.said`, { name }), symbol: '2705' };
    if (i.metAt) return { text: request.t(`${K}young.next.met`, { name }), symbol: '1F4AC', rate: true };
    if (i.meetsAt) return { text: request.t(`${K}young.next.meets`, { name, when: when(request, i.meetsAt) }), symbol: '1F4C5' };
    return { text: request.t(`${K}young.next.chosen`, { name }), symbol: '23F3' };
  };

  app.get('/a/:area/young/:youngPersonId/volunteer', signedIn, async (request, reply) => {
    const youngId = param(request, 'youngPersonId');
    const page = await volunteers.volunteerPage(db, areaId(request), account(request), youngId);
    const u = urls(request);
    const yu = u.young(youngId);
    const chosen = new Set(page.introductions.filter((i) => page.request && i.matchRequestId === page.request.id).map((i) => i.volunteerId));
    if (!page.request) {
      return reply.page('profiles/views/volunteers/wishes.njk', {
        title: request.t(`${K}young.wishesTitle`), young: page.young, as: page.as, values: {}, errors: {}, cards: wishCards(request, []), wordsMax: WISH_WORDS_MAX, action: yu.wishes, backLink: yu.home,
      });
    }
    return reply.page('profiles/views/volunteers/suggestions.njk', {
      title: request.t(`${K}young.suggestionsTitle`),
      young: page.young,
      as: page.as,
      wishes: page.request.wishes.map((w) => ({ text: request.t(`${K}wishes.${w}`), symbol: SYMBOL_OF.get(w) })),
      suggestions: page.suggestions.map((s) => ({
        id: s.volunteer.id,
        name: s.volunteer.displayName,
        kind: request.t(`${K}young.kinds.${s.volunteer.kind}`),
        photo: s.volunteer.hasPhoto ? `${u.photo(s.volunteer.id)}?v=${s.volunteer.version}` : null,
        personSymbol: PERSON_SYMBOL,
        because: s.matches.length ? request.t(`${K}young.because`, { name: s.volunteer.displayName, what: becauseText(request, s.matches) }) : null,
        matchSymbols: s.matches.map((m) => SYMBOL_OF.get(m)),
        about: s.volunteer.about,
        availability: s.volunteer.availability,
        chosen: chosen.has(s.volunteer.id),
      })),
      introductions: page.introductions.map((i) => ({ name: i.volunteerName, next: nextStep(request, i), href: yu.introduction(i.id) })),
      chooseAction: yu.choose,
      wishesHref: yu.wishes,
      backLink: yu.home,
    });
  });

  const renderWishes = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown> | null, extra: Partial<ErrorState> = {}, status = 200) => {
    const youngId = param(request, 'youngPersonId');
    const page = await volunteers.volunteerPage(db, areaId(request), account(request), youngId);
    const v = values ?? { wishes: page.request?.wishes ?? [], words: page.request?.words ?? '' };
    const yu = urls(request).young(youngId);
    return reply.page('profiles/views/volunteers/wishes.njk', {
      title: request.t(`${K}young.wishesTitle`), young: page.young, as: page.as, values: v, errors: extra.errors ?? {}, errorSummary: extra.errorSummary, cards: wishCards(request, v.wishes), wordsMax: WISH_WORDS_MAX, action: yu.wishes, backLink: page.request ? yu.volunteer : yu.home,
    }, status);
  };

  app.get('/a/:area/young/:youngPersonId/volunteer/wishes', signedIn, (request, reply) => renderWishes(request, reply, null));

  app.post('/a/:area/young/:youngPersonId/volunteer/wishes', signedIn, async (request, reply) => {
    const youngId = param(request, 'youngPersonId');
    await volunteers.acting(db, areaId(request), account(request), youngId);
    const form = parseForm(wishesForm, request.body, request.t, { wishes: 'wishes' });
    if (!form.ok) return renderWishes(request, reply, form.values, { errors: form.errors, errorSummary: form.summary }, 422);
    const saved = await volunteers.saveWishes(db, areaId(request), account(request), youngId, form.data);
    alertsIfRaised(request, saved.concernRaised);
    return reply.flash(request.t(`${K}young.wishesSaved`)).redirect(`${urls(request).young(youngId).volunteer}#people`, 303);
  });

  app.post('/a/:area/young/:youngPersonId/volunteer/choose', signedIn, async (request, reply) => {
    const youngId = param(request, 'youngPersonId');
    await volunteers.acting(db, areaId(request), account(request), youngId);
    const form = parseForm(chooseForm, request.body, request.t);
    if (!form.ok) throw new NotFoundError('volunteer');
    const introductionId = await volunteers.chooseToMeet(db, areaId(request), account(request), youngId, form.data.volunteerId);
    const { intro } = await volunteers.introductionFor(db, areaId(request), account(request), youngId, introductionId);
    return reply.flash(request.t(`${K}young.chosen`, { name: intro.volunteerName })).redirect(`${urls(request).young(youngId).volunteer}#mine`, 303);
  });

  // ── The young person: how did meeting them go? ───────────────────────────────────────────────

  const renderSay = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown> | null, extra: Partial<ErrorState> & { notice?: string } = {}, status = 200) => {
    const youngId = param(request, 'youngPersonId');
    const { who, intro } = await volunteers.introductionFor(db, areaId(request), account(request), youngId, param(request, 'introductionId'));
    const name = intro.volunteerName;
    const v = values ?? { feeling: intro.feeling ? String(intro.feeling) : '', words: intro.words, carryOn: intro.carryOn ?? '' };
    const yu = urls(request).young(youngId);
    const changing = (request.query as Record<string, unknown> | undefined)?.change === 'yes';
    const state = intro.endedAt || intro.confirmedAt ? 'closed' : !intro.metAt ? 'notMet' : intro.saidAt && values === null && !changing ? 'said' : 'form';
    return reply.page('profiles/views/volunteers/say.njk', {
      title: request.t(`${K}say.title`, { name }),
      young: who.young,
      as: who.as,
      name,
      state,
      next: nextStep(request, intro),
      said: intro.saidAt ? {
        feeling: intro.feeling ? { text: request.t(`${K}faces.${intro.feeling}`), symbol: FACES[intro.feeling - 1]!.symbol } : null,
        words: intro.words,
        carryOn: intro.carryOn ? { text: request.t(`${K}say.carryOnAnswer.${intro.carryOn}`, { name }), symbol: CARRY_ON.find((c) => c.code === intro.carryOn)!.symbol } : null,
        by: request.t(intro.saidByYoung ? `${K}say.byYoung` : `${K}say.byParent`, { name: who.young.displayName }),
      } : null,
      faceItems: FACES.map((f) => ({ value: f.code, text: request.t(`${K}faces.${f.code}`), symbol: f.symbol, checked: String(v.feeling) === f.code })),
      carryOnItems: CARRY_ON.map((c) => ({ value: c.code, text: request.t(`${K}carryOn.${c.code}`), symbol: c.symbol, checked: v.carryOn === c.code })),
      values: v,
      errors: extra.errors ?? {},
      errorSummary: extra.errorSummary,
      notice: extra.notice,
      wordsMax: SAY_WORDS_MAX,
      action: yu.introduction(intro.id),
      changeHref: `${yu.introduction(intro.id)}?change=yes`,
      backLink: yu.volunteer,
      volunteerHref: yu.volunteer,
    }, status);
  };

  app.get('/a/:area/young/:youngPersonId/introductions/:introductionId', signedIn, (request, reply) => renderSay(request, reply, null));

  app.post('/a/:area/young/:youngPersonId/introductions/:introductionId', signedIn, async (request, reply) => {
    const youngId = param(request, 'youngPersonId');
    const introductionId = param(request, 'introductionId');
    await volunteers.introductionFor(db, areaId(request), account(request), youngId, introductionId);
    const form = parseForm(sayForm, request.body, request.t, { feeling: 'feeling', carryOn: 'carryOn' });
    if (!form.ok) return renderSay(request, reply, form.values, { errors: form.errors, errorSummary: form.summary }, 422);
    try {
      const saved = await volunteers.sayHowItWent(db, areaId(request), account(request), youngId, introductionId, form.data);
      alertsIfRaised(request, saved.concernRaised);
    } catch (error) {
      if (!(error instanceof volunteers.NotOpenForSayError)) throw error;
      return renderSay(request, reply, null, {}, 409);
    }
    return reply.flash(request.t(`${K}say.thanks`)).redirect(urls(request).young(youngId).introduction(introductionId), 303);
  });
}

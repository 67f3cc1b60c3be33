/**
 * Recognition (issue 17 §2), part C: who came, thanks, what is overdue, consent to use a name,
 * certificates, a person's "record of what I did" and the area's deadline for thanks. Plain forms
 * that post and redirect: everything works without JavaScript and by keyboard. The young person's
 * pages (/a/:area/young/:youngPersonId/…) ask `actingFor` first and answer 404 to anyone else.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../lib/authorisation.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { formError, parseForm } from '../../lib/form-errors.ts';
import { pounds } from '../../lib/money.ts';
import { certificatePdf, recordPdf } from './certificates.pdf.ts';
import { attendanceForm, certificateForm, consentForm, settingsForm, thanksForm, THANKS_SYMBOLS } from './thanks.forms.ts';
import * as svc from './thanks.service.ts';

const K = 'recognition.thanks.';
const manage = { config: { access: { action: 'recognition.manage' as const } } };
const view = { config: { access: { action: 'recognition.view' as const } } };
const approve = { config: { access: { action: 'recognition.approve' as const } } };
const signedIn = { config: { access: { action: 'account.view' as const } } };

const param = (request: FastifyRequest, name: string) => (request.params as Record<string, string>)[name] ?? '';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const idParam = (request: FastifyRequest, name: string) => {
  const id = param(request, name);
  if (!UUID.test(id)) throw new NotFoundError(name);
  return id;
};

/** "3 hours 30 minutes", in the reader's language. */
export function hoursText(request: FastifyRequest, minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts = [];
  if (h) parts.push(request.t(`${K}time.hours`, { count: h }));
  if (m || !h) parts.push(request.t(`${K}time.minutes`, { count: m }));
  return parts.join(' ');
}

const longDate = (request: FastifyRequest, at: Date) => new Intl.DateTimeFormat(request.lang === 'cy' ? 'cy-GB' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(at);

/** A person's vouchers and payments in words; their own record lists only those given to them. */
function rewardLines(request: FastifyRequest, record: svc.PersonRecord, givenOnly: boolean) {
  return record.rewards
    .filter((r) => !givenOnly || r.status === 'issued' || r.status === 'received')
    .map((r) => ({
      id: r.id,
      text: request.t(`${K}rewards.line`, { value: pounds(r.valuePence), what: r.voucherType || request.t(`${K}rewards.kind.${r.kind}`), title: r.activityTitle }),
      status: request.t(`${K}rewards.status.${r.status}`),
      href: `/a/${request.area!.slug}/recognition/rewards/${r.id}`,
    }));
}

export default async function thanksRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const base = (request: FastifyRequest) => `/a/${request.area!.slug}`;
  const activityUrl = (request: FastifyRequest, id: string) => `${base(request)}/activities/${id}`;
  const personUrl = (request: FastifyRequest, key: string) => `${base(request)}/recognition/people/${encodeURIComponent(key)}`;
  const certificateUrl = (request: FastifyRequest, id: string) => `${base(request)}/recognition/certificates/${id}`;

  // ── Who came ──────────────────────────────────────────────────────────────────────────────

  app.get('/a/:area/activities/:activityId/attendance', manage, async (request, reply) => {
    const activity = await svc.authorisedActivity(db, request.actor, request.area!.id, idParam(request, 'activityId'));
    const people = await svc.attendanceOf(db, request.area!.id, activity.id);
    return reply.page('recognition/views/thanks/attendance.njk', {
      title: request.t(`${K}attendance.title`),
      activity,
      items: people.map((p) => ({ value: p.key, text: p.name, hint: p.people > 1 ? { text: request.t(`${K}attendance.people`, { count: p.people }) } : undefined, checked: p.came })),
      thanksUrl: `${activityUrl(request, activity.id)}/thanks`,
      backLink: activityUrl(request, activity.id),
    });
  });

  app.post('/a/:area/activities/:activityId/attendance', manage, async (request, reply) => {
    const activity = await svc.authorisedActivity(db, request.actor, request.area!.id, idParam(request, 'activityId'));
    const form = parseForm(attendanceForm, request.body, request.t);
    const keys = form.ok ? form.data.came : [];
    await svc.saveAttendance(db, request.area!.id, request.actor!.accountId, activity.id, keys);
    return reply.flash(request.t(`${K}attendance.saved`)).redirect(`${activityUrl(request, activity.id)}/attendance`, 303);
  });

  // ── Thanks ────────────────────────────────────────────────────────────────────────────────

  const renderThanks = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown> = {}, extra: Record<string, unknown> = {}, status = 200) => {
    const activity = await svc.authorisedActivity(db, request.actor, request.area!.id, idParam(request, 'activityId'));
    const rows = await svc.thanksOf(db, request.area!.id, activity.id);
    const waiting = rows.filter((r) => !r.thankedAt);
    const chosen = Array.isArray(values.who) ? values.who : typeof values.who === 'string' ? [values.who] : null;
    return reply.page(
      'recognition/views/thanks/thanks.njk',
      {
        title: request.t(`${K}send.title`),
        activity,
        values: { message: request.t(`${K}send.defaultMessage`), symbol: '', ...values },
        errors: {},
        waiting: waiting.map((r) => ({ value: r.key, text: r.displayName, hint: { text: request.t(`${K}reach.${r.reach}`) }, checked: chosen ? chosen.includes(r.key) : false })),
        thanked: rows.filter((r) => r.thankedAt).map((r) => ({ name: r.displayName, href: personUrl(request, r.key), how: request.t(`${K}reached.${r.thankedBy ?? 'page'}`), at: r.thankedAt })),
        symbols: THANKS_SYMBOLS.map((s) => ({ value: s, text: request.t(`${K}symbols.${s}`), checked: values.symbol === s })),
        attendanceUrl: `${activityUrl(request, activity.id)}/attendance`,
        backLink: activityUrl(request, activity.id),
        ...extra,
      },
      status,
    );
  };

  app.get('/a/:area/activities/:activityId/thanks', manage, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const supporter = typeof query.supporter === 'string' ? query.supporter.split('|').filter(Boolean).slice(0, 200) : [];
    return renderThanks(request, reply, {}, { throughSupporter: supporter });
  });

  app.post('/a/:area/activities/:activityId/thanks', manage, async (request, reply) => {
    const activity = await svc.authorisedActivity(db, request.actor, request.area!.id, idParam(request, 'activityId'));
    const form = parseForm(thanksForm, request.body, request.t, { symbol: 'symbol' });
    if (!form.ok) return renderThanks(request, reply, form.values, { errors: form.errors, errorSummary: form.summary }, 422);
    const result = await svc.sendThanks(db, request.area!.id, request.actor!.accountId, activity.id, {
      message: form.data.message,
      symbol: form.data.symbol || null,
      personKeys: form.data.who.length ? form.data.who : undefined,
      areaName: request.area!.name,
      activityTitle: activity.title,
    });
    const flash = result.sent === 0 ? request.t(`${K}send.nobody`) : request.t(`${K}send.sent`, { count: result.sent });
    const supporter = result.throughSupporter.length ? `?supporter=${encodeURIComponent(result.throughSupporter.join('|'))}` : '';
    return reply.flash(flash).redirect(`${activityUrl(request, activity.id)}/thanks${supporter}`, 303);
  });

  // ── Nobody is forgotten ───────────────────────────────────────────────────────────────────

  app.get('/a/:area/recognition', view, async (request, reply) => {
    const { dueDays, activities } = await svc.thanksOverview(db, request.area!.id);
    const waiting = activities.filter((a) => a.notThanked > 0 || a.noReward > 0);
    const canSend = (organisationId: string | null) => can(request.actor, 'recognition.manage', { areaId: request.area!.id, organisationId });
    return reply.page('recognition/views/thanks/overview.njk', {
      title: request.t(`${K}overview.title`),
      dueDays,
      overdueActivities: waiting.filter((a) => a.overdue).length,
      overduePeople: waiting.filter((a) => a.overdue).reduce((s, a) => s + a.notThanked, 0),
      waitingPeople: waiting.reduce((s, a) => s + a.notThanked, 0),
      noRewardPeople: waiting.reduce((s, a) => s + a.noReward, 0),
      rows: waiting.map((a) => ({ ...a, href: canSend(a.organisationId) ? `${activityUrl(request, a.activityId)}/thanks` : null, rewardsHref: canSend(a.organisationId) ? `${activityUrl(request, a.activityId)}/rewards` : null })),
      settingsUrl: can(request.actor, 'recognition.approve', { areaId: request.area!.id }) ? `${base(request)}/recognition/settings` : null,
    });
  });

  // ── The deadline ──────────────────────────────────────────────────────────────────────────

  const renderSettings = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, extra: Record<string, unknown> = {}, status = 200) => {
    const saved = await svc.recognitionSettings(db, request.area!.id);
    return reply.page('recognition/views/thanks/settings.njk', { title: request.t(`${K}settings.title`), values: values ?? { thanksDueDays: String(saved.thanksDueDays), version: String(saved.version) }, errors: {}, backLink: `${base(request)}/recognition`, ...extra }, status);
  };

  app.get('/a/:area/recognition/settings', approve, async (request, reply) => renderSettings(request, reply));

  app.post('/a/:area/recognition/settings', approve, async (request, reply) => {
    const form = parseForm(settingsForm, request.body, request.t);
    if (!form.ok) return renderSettings(request, reply, form.values, { errors: form.errors, errorSummary: form.summary }, 422);
    try {
      await svc.saveRecognitionSettings(db, request.area!.id, request.actor!.accountId, form.data);
    } catch (error) {
      if (!(error instanceof svc.StaleSettingsError)) throw error;
      const saved = await svc.recognitionSettings(db, request.area!.id);
      const failed = formError('thanksDueDays', request.t(`${K}errors.stale`, { days: saved.thanksDueDays }), { ...(request.body as Record<string, unknown>), version: String(saved.version) });
      return renderSettings(request, reply, failed.values, { errors: failed.errors, errorSummary: failed.summary }, 409);
    }
    return reply.flash(request.t(`${K}settings.saved`)).redirect(`${base(request)}/recognition`, 303);
  });

  // ── A person ──────────────────────────────────────────────────────────────────────────────

  const renderPerson = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const record = await svc.personForStaff(db, request.actor, request.area!.id, param(request, 'personKey'));
    return reply.page('recognition/views/thanks/person.njk', {
      title: record.displayName,
      record,
      hours: hoursText(request, record.minutes),
      activities: record.activities.map((a) => ({ ...a, hours: a.minutes ? hoursText(request, a.minutes) : null })),
      certificates: record.certificates.map((c) => ({ ...c, href: c.shown ? certificateUrl(request, c.id) : null })),
      rewards: rewardLines(request, record, false),
      consentValues: { name: '', givenBy: '' },
      certificateValues: { title: request.t(`${K}person.defaultTitle`), whatTheyDid: '', hours: record.minutes ? String(Math.round((record.minutes / 60) * 100) / 100) : '' },
      errors: {},
      urls: { self: personUrl(request, record.key), record: `${personUrl(request, record.key)}/record` },
      backLink: `${base(request)}/recognition`,
      ...extra,
    }, status);
  };

  app.get('/a/:area/recognition/people/:personKey', manage, async (request, reply) => renderPerson(request, reply));

  app.post('/a/:area/recognition/people/:personKey/consent', manage, async (request, reply) => {
    const record = await svc.personForStaff(db, request.actor, request.area!.id, param(request, 'personKey'));
    const form = parseForm(consentForm, request.body, request.t, { givenBy: 'givenBy' });
    if (!form.ok) return renderPerson(request, reply, { consentValues: form.values, errors: form.errors, errorSummary: form.summary }, 422);
    await svc.recordNameConsent(db, request.area!.id, request.actor!.accountId, record.person, form.data);
    return reply.flash(request.t(`${K}person.consentSaved`)).redirect(personUrl(request, record.key), 303);
  });

  app.post('/a/:area/recognition/people/:personKey/consent/withdraw', manage, async (request, reply) => {
    const record = await svc.personForStaff(db, request.actor, request.area!.id, param(request, 'personKey'));
    await svc.withdrawNameConsent(db, request.area!.id, request.actor!.accountId, record.person);
    return reply.flash(request.t(`${K}person.consentWithdrawn`)).redirect(personUrl(request, record.key), 303);
  });

  app.post('/a/:area/recognition/people/:personKey/certificates', manage, async (request, reply) => {
    const record = await svc.personForStaff(db, request.actor, request.area!.id, param(request, 'personKey'));
    const form = parseForm(certificateForm, request.body, request.t);
    if (!form.ok) return renderPerson(request, reply, { certificateValues: form.values, errors: form.errors, errorSummary: form.summary }, 422);
    try {
      const id = await svc.makeCertificate(db, request.area!.id, request.actor!.accountId, record.person, { title: form.data.title, whatTheyDid: form.data.whatTheyDid, minutes: form.data.hours ?? record.minutes });
      return reply.flash(request.t(`${K}person.certificateMade`)).redirect(`${personUrl(request, record.key)}#certificate-${id}`, 303);
    } catch (error) {
      if (!(error instanceof svc.NoNameConsentError)) throw error;
      const failed = formError('title', request.t(`${K}errors.noConsent`), (request.body ?? {}) as Record<string, unknown>);
      return renderPerson(request, reply, { certificateValues: failed.values, errors: failed.errors, errorSummary: failed.summary }, 422);
    }
  });

  // ── Certificates (PDF) ────────────────────────────────────────────────────────────────────

  app.get('/a/:area/recognition/certificates/:certificateId', signedIn, async (request, reply) => {
    const c = await svc.certificateFor(db, request.actor, request.area!.id, param(request, 'certificateId'));
    const buffer = await certificatePdf({
      areaName: request.area!.name,
      brandColour: request.area!.brandColour,
      heading: request.area!.name,
      title: c.title,
      presentedTo: request.t(`${K}certificate.presentedTo`),
      name: c.name,
      whatTheyDid: c.whatTheyDid,
      hours: c.minutes ? request.t(`${K}certificate.hours`, { hours: hoursText(request, c.minutes) }) : null,
      date: longDate(request, c.issuedAt),
      lang: request.lang === 'cy' ? 'cy' : 'en',
    });
    return reply
      .header('cache-control', 'private, no-store')
      .header('content-disposition', 'inline; filename="certificate.pdf"')
      .type('application/pdf')
      .send(buffer);
  });

  // ── Record of what I did ──────────────────────────────────────────────────────────────────

  const recordModel = (request: FastifyRequest, record: svc.PersonRecord, forYoung: boolean) => ({
    name: record.consent?.name ?? null,
    hours: record.minutes ? hoursText(request, record.minutes) : null,
    activities: record.activities.map((a) => ({ title: a.title, on: a.on, hours: a.minutes ? hoursText(request, a.minutes) : null })),
    thanks: record.thanks,
    certificates: record.certificates.filter((c) => c.shown).map((c) => ({ ...c, href: certificateUrl(request, c.id), hours: c.minutes ? hoursText(request, c.minutes) : null })),
    rewards: rewardLines(request, record, true),
    forYoung,
  });

  /** The record as a PDF to keep (for a CV or a college application): what the page shows, in the same words. */
  const sendRecordPdf = async (request: FastifyRequest, reply: FastifyReply, record: svc.PersonRecord) => {
    const m = recordModel(request, record, true);
    const date = (at: Date | null) => (at ? longDate(request, at) : '');
    const buffer = await recordPdf({
      areaName: request.area!.name,
      brandColour: request.area!.brandColour,
      title: request.t(`${K}record.title`),
      intro: request.t(`${K}record.intro`, { name: m.name ?? request.t(`${K}record.aYoungPerson`), area: request.area!.name }),
      hours: m.hours ? request.t(`${K}record.hours`, { hours: m.hours }) : null,
      sections: [
        { heading: request.t(`${K}record.activitiesHeading`), none: request.t(`${K}record.noActivities`), lines: m.activities.map((a) => [a.title, date(a.on)].filter(Boolean).join(', ') + (a.hours ? ` (${a.hours})` : '')) },
        { heading: request.t(`${K}record.thanksHeading`), none: request.t(`${K}record.noThanks`), lines: m.thanks.map((th) => request.t(`${K}record.thankedFor`, { title: th.title, date: date(th.sentAt) })) },
        { heading: request.t(`${K}record.certificatesHeading`), none: request.t(`${K}record.noCertificates`), lines: m.certificates.map((c) => `${c.title}: ${c.whatTheyDid}${c.hours ? ` (${c.hours})` : ''}`) },
        ...(m.rewards.length ? [{ heading: request.t(`${K}rewards.heading`), none: '', lines: m.rewards.map((r) => r.text) }] : []),
      ],
      footer: request.t(`${K}record.footer`, { area: request.area!.name, date: longDate(request, new Date()) }),
      lang: request.lang === 'cy' ? 'cy' : 'en',
    });
    return reply.header('cache-control', 'private, no-store').header('content-disposition', 'attachment; filename="record-of-what-i-did.pdf"').type('application/pdf').send(buffer);
  };

  app.get('/a/:area/recognition/people/:personKey/record', manage, async (request, reply) => {
    const record = await svc.personForStaff(db, request.actor, request.area!.id, param(request, 'personKey'));
    return reply.page('recognition/views/thanks/record.njk', { title: request.t(`${K}record.title`), ...recordModel(request, record, false), pdfUrl: `${personUrl(request, record.key)}/record.pdf`, backLink: personUrl(request, record.key) });
  });

  app.get('/a/:area/recognition/people/:personKey/record.pdf', manage, async (request, reply) => {
    const record = await svc.personForStaff(db, request.actor, request.area!.id, param(request, 'personKey'));
    return sendRecordPdf(request, reply, record);
  });

  // ── The young person's own pages ──────────────────────────────────────────────────────────

  const young = async (request: FastifyRequest) => {
    const id = param(request, 'youngPersonId');
    const found = UUID.test(id) ? await svc.youngRecord(db, request.actor, request.area!.id, id) : null;
    if (!found) throw new NotFoundError('young person');
    return found;
  };

  app.get('/a/:area/young/:youngPersonId/thanks', signedIn, async (request, reply) => {
    const { young: yp, as, record } = await young(request);
    return reply.page('recognition/views/thanks/young-thanks.njk', {
      title: request.t(`${K}young.title`),
      as,
      name: yp.displayName,
      thanks: record.thanks,
      certificates: record.certificates.filter((c) => c.shown).map((c) => ({ ...c, href: certificateUrl(request, c.id) })),
      recordUrl: `${base(request)}/young/${yp.id}/record`,
      backLink: `${base(request)}/young/${yp.id}`,
    });
  });

  app.get('/a/:area/young/:youngPersonId/record', signedIn, async (request, reply) => {
    const { young: yp, record } = await young(request);
    return reply.page('recognition/views/thanks/record.njk', { title: request.t(`${K}record.title`), ...recordModel(request, record, true), pdfUrl: `${base(request)}/young/${yp.id}/record.pdf`, backLink: `${base(request)}/young/${yp.id}/thanks` });
  });

  app.get('/a/:area/young/:youngPersonId/record.pdf', signedIn, async (request, reply) => {
    const { record } = await young(request);
    return sendRecordPdf(request, reply, record);
  });
}

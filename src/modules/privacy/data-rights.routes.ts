/**
 * Subject access and erasure (issue 9 §2), for area admins: find what Chorus holds about one person,
 * download it, erase it.
 *
 * The search is a POST and its results are the response to it, not a page of their own: the address,
 * phone number or receipt code then never sits in a web address (browser history, server logs,
 * Referer). The results, download and erasure forms carry the search back as hidden fields, and each
 * runs it again, so what is downloaded or erased is what matches at that moment, in this area, for
 * someone still allowed to do it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AreaAction } from '../../lib/authorisation.ts';
import { parseForm } from '../../lib/form-errors.ts';
import { keptValues, searchFields, searchForm, SEARCH_FIELDS, type Search } from './data-rights.forms.ts';
import { downloadBundle, erasePerson, findPerson, previewErasure } from './data-rights.service.ts';
import { SEARCH_KINDS } from './personal-data.ts';

const needs = (action: AreaAction) => ({ config: { access: { action } } });
const PAGE = '/a/:area/manage/privacy/data-rights';

export default async function dataRightsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const base = (request: FastifyRequest) => `/a/${request.area!.slug}/manage/privacy/data-rights`;
  const fieldIds = { searchBy: 'searchBy' };

  const renderSearch = (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page('privacy/views/data-rights/search.njk', {
      title: request.t('dataRights.search.title'),
      kinds: SEARCH_KINDS,
      fields: SEARCH_FIELDS,
      values: { searchBy: '', email: '', phone: '', receiptCode: '' },
      action: base(request),
      backLink: `/a/${request.area!.slug}/manage`,
      ...extra,
    }, status);

  /** The search in a posted form, or the search page again with what is wrong (422). */
  const searchIn = (request: FastifyRequest, reply: FastifyReply): { search: Search } | { page: FastifyReply } => {
    const form = parseForm(searchForm, request.body, request.t, fieldIds);
    if (form.ok) return { search: form.data };
    return { page: renderSearch(request, reply, { errors: form.errors, errorSummary: form.summary, values: keptValues(form.values) }, 422) };
  };

  /** How the page names what was searched for: "the email address jo@example.com". */
  const searchedFor = (request: FastifyRequest, search: Search) => {
    const shown = search.kind === 'phone' ? `+${search.value}` : search.value;
    return request.t(`dataRights.searchedFor.${search.kind}`, { value: shown });
  };

  app.get(PAGE, needs('privacy.subject_access'), (request, reply) => renderSearch(request, reply));

  app.post(PAGE, needs('privacy.subject_access'), async (request, reply) => {
    const parsed = searchIn(request, reply);
    if ('page' in parsed) return parsed.page;
    const { search } = parsed;
    const overview = await findPerson(db, request.actor!, request.area!, search);
    return reply.page('privacy/views/data-rights/results.njk', {
      title: request.t('dataRights.results.title'),
      overview,
      searchedFor: searchedFor(request, search),
      hidden: searchFields(search),
      base: base(request),
      backLink: base(request),
    });
  });

  app.post(`${PAGE}/download`, needs('privacy.subject_access'), async (request, reply) => {
    const parsed = searchIn(request, reply);
    if ('page' in parsed) return parsed.page;
    const bundle = await downloadBundle(db, request.actor!, request.area!, parsed.search, request.t, request.lang);
    return reply
      .header('Content-Type', 'application/zip')
      .header('Content-Disposition', `attachment; filename="${bundle.filename}"`)
      .header('Cache-Control', 'no-store')
      .send(bundle.zip);
  });

  app.post(`${PAGE}/erase`, needs('privacy.erasure'), async (request, reply) => {
    const parsed = searchIn(request, reply);
    if ('page' in parsed) return parsed.page;
    const { search } = parsed;
    const plan = await previewErasure(db, request.actor!, request.area!, search);
    return reply.page('privacy/views/data-rights/erase.njk', {
      title: request.t('dataRights.erase.title'),
      plan,
      searchedFor: searchedFor(request, search),
      hidden: searchFields(search),
      base: base(request),
      backLink: base(request),
    });
  });

  app.post(`${PAGE}/erase/confirm`, needs('privacy.erasure'), async (request, reply) => {
    const parsed = searchIn(request, reply);
    if ('page' in parsed) return parsed.page;
    const done = await erasePerson(db, request.actor!, request.area!, parsed.search);
    const total = (outcome: 'removed' | 'anonymised' | 'unlinked' | 'kept') => done.outcomes[outcome].reduce((n, c) => n + c.count, 0);
    const message = done.total === 0
      ? request.t('dataRights.erase.nothing')
      : request.t('dataRights.erase.done', { removed: total('removed'), anonymised: total('anonymised'), unlinked: total('unlinked'), kept: total('kept') });
    return reply.flash(message).redirect(base(request), 303);
  });
}

/**
 * Survey response pages: The optional "About you" pages, one question each (age band, sex, ethnic group then category, need, support), every one skippable.
 * Shared helpers and the stage check are in respond.pages.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import { parseForm } from '../../lib/form-errors.ts';
import { ABOUT_YOU_FIELDS, ABOUT_YOU_SYMBOLS, aboutYouField, ageBandOptionsFor, categoriesOf, ethnicGroupOf, type AboutYouField } from './about-you.ts';
import { aboutYouForm } from './respond.forms.ts';
import * as respond from './respond.service.ts';
import { type ResponsePages } from './respond.pages.ts';

export function aboutYouRoutes(app: FastifyInstance, pages: ResponsePages): void {
  const { db, sayer, base, params, returningToCheck, common, surveyOf, stage } = pages;

  // ── About you (optional) ──────────────────────────────────────────────────────────────────

  app.get('/a/:area/responses/:responseId/about-you', stage('answering'), async (request, reply) => {
    const survey = surveyOf(request);
    const say = sayer(request, survey.activity.childrenMode);
    const b = base(request, survey.response.id);
    return reply.page('surveys/views/respond/about-you-intro.njk', {
      ...common(request, survey),
      title: say('aboutYou.title'),
      backLink: `${b}/anything-else`,
      startLink: `${b}/about-you/${ABOUT_YOU_FIELDS[0].slug}`,
      skipLink: `${b}/check`,
    });
  });

  /** The page after an "About you" page. */
  const afterAboutYou = (request: FastifyRequest, survey: respond.Survey, slug: string) => {
    const b = base(request, survey.response.id);
    if (returningToCheck(request)) return `${b}/check`;
    const i = ABOUT_YOU_FIELDS.findIndex((f) => f.slug === slug);
    const next = ABOUT_YOU_FIELDS[i + 1];
    return next ? `${b}/about-you/${next.slug}` : `${b}/check`;
  };

  type AboutYouPage = { field: AboutYouField; slug: string; options: readonly string[]; group?: string; current: string | null; back: string };

  const aboutYouPage = (request: FastifyRequest, survey: respond.Survey): AboutYouPage => {
    const { field: slug = '', group } = params(request);
    const b = base(request, survey.response.id);
    const stored = survey.response.aboutYou;
    if (group !== undefined) {
      const options = categoriesOf(group);
      if (!options) throw new NotFoundError('ethnic group');
      const field = aboutYouField('ethnic-group')!;
      return { field, slug: `ethnicity/${group}`, options, group, current: stored.ethnicity, back: `${b}/about-you/ethnic-group` };
    }
    const field = aboutYouField(slug);
    if (!field) throw new NotFoundError('about you');
    const i = ABOUT_YOU_FIELDS.indexOf(field);
    const back = i > 0 ? `${b}/about-you/${ABOUT_YOU_FIELDS[i - 1]!.slug}` : `${b}/about-you`;
    // The ethnic group page shows the group of a category chosen before.
    const current = field.slug === 'ethnic-group' ? (stored.ethnicity === 'prefer_not_to_say' ? stored.ethnicity : (ethnicGroupOf(stored.ethnicity) ?? null)) : stored[field.column];
    // Only the ages the survey invites (a 5 to 15 survey offers no "0 to 4" or "26 or over").
    const options = field.slug === 'age' ? ageBandOptionsFor(survey.activity) : field.options;
    return { field, slug, options, current, back };
  };

  const renderAboutYou = (request: FastifyRequest, reply: FastifyReply, survey: respond.Survey, page: AboutYouPage, extra: Record<string, unknown> = {}, status = 200) => {
    const say = sayer(request, survey.activity.childrenMode);
    const key = page.group ? 'ethnicity' : page.field.slug === 'ethnic-group' ? 'ethnicGroup' : page.field.slug;
    const b = base(request, survey.response.id);
    return reply.page(
      'surveys/views/respond/about-you.njk',
      {
        ...common(request, survey),
        title: say(`aboutYou.${key}.question`, { group: page.group ? say(`aboutYou.ethnicGroup.options.${page.group}`) : '' }),
        key,
        group: page.group,
        options: page.options,
        // Children's mode: picture cards, each with its symbol and, for needs and support, a short plain explanation.
        questionSymbol: survey.activity.childrenMode ? ABOUT_YOU_SYMBOLS.questions[key] : null,
        cards: survey.activity.childrenMode
          ? page.options.map((o) => ({
              value: o,
              text: say(`aboutYou.${key}.options.${o}`),
              hint: key === 'need' || key === 'support' ? explanation(say, `aboutYou.${key}.explain.${o}`) : '',
              symbol: ABOUT_YOU_SYMBOLS.options[o] ?? null,
              alt: '',
              checked: (extra.values as Record<string, unknown> | undefined)?.value === o || (!extra.values && page.current === o),
            }))
          : null,
        backLink: returningToCheck(request) ? `${b}/check` : page.back,
        skipLink: `${b}/check`,
        action: `${b}/about-you/${page.slug}${returningToCheck(request) ? '?return=check' : ''}`,
        values: { value: page.current ?? '' },
        ...extra,
      },
      status,
    );
  };

  /** A catalogue entry that may not exist ("I don't know" needs no explanation): '' when it does not. */
  const explanation = (say: (key: string) => string, key: string) => {
    const text = say(key);
    return text.endsWith(key) ? '' : text;
  };

  const aboutYouGet = async (request: FastifyRequest, reply: FastifyReply) => {
    const survey = surveyOf(request);
    return renderAboutYou(request, reply, survey, aboutYouPage(request, survey));
  };

  const aboutYouPost = async (request: FastifyRequest, reply: FastifyReply) => {
    const survey = surveyOf(request);
    const page = aboutYouPage(request, survey);
    const form = parseForm(aboutYouForm(page.options), request.body, sayer(request, survey.activity.childrenMode), { value: 'value' });
    if (!form.ok) return renderAboutYou(request, reply, survey, page, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const value = form.data.value || null;
    const b = base(request, survey.response.id);
    if (page.field.slug === 'ethnic-group' && !page.group) {
      // A group leads to its categories; "Prefer not to say" (or nothing) is the answer itself.
      if (value && value !== 'prefer_not_to_say') return reply.redirect(`${b}/about-you/ethnicity/${value}${returningToCheck(request) ? '?return=check' : ''}`, 303);
      await respond.saveAboutYou(db, request.area!.id, survey, 'ethnicity', value);
      return reply.redirect(afterAboutYou(request, survey, 'ethnic-group'), 303);
    }
    await respond.saveAboutYou(db, request.area!.id, survey, page.field.column, value);
    return reply.redirect(afterAboutYou(request, survey, page.field.slug), 303);
  };

  app.get('/a/:area/responses/:responseId/about-you/:field', stage('answering'), aboutYouGet);
  app.post('/a/:area/responses/:responseId/about-you/:field', stage('answering'), aboutYouPost);
  app.get('/a/:area/responses/:responseId/about-you/ethnicity/:group', stage('answering'), aboutYouGet);
  app.post('/a/:area/responses/:responseId/about-you/ethnicity/:group', stage('answering'), aboutYouPost);
}

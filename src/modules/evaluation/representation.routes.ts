/**
 * Evaluation (issue 13 §5): who takes part, compared with everyone. Registered by evaluation.routes.ts.
 *
 * - /manage/evaluation/population: the figures in use and every import (population.manage);
 *   /population/import (a CSV file, multipart: the parser is registered for that route only),
 *   /population/template.csv, /population/new (figures typed in).
 * - /manage/evaluation/representation: the comparison, with a CSV of every table (or one) and an
 *   .xlsx with one sheet per table (evaluation.view).
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../lib/authorisation.ts';
import { toCsv } from '../../lib/csv.ts';
import { errorState, parseForm, type FormProblem } from '../../lib/form-errors.ts';
import { listOrganisations } from '../areas/areas.service.ts';
import { POPULATION_FIELD_IDS, aboutFiguresForm, countField, typedFiguresForm } from './representation.forms.ts';
import {
  CHARACTERISTICS,
  GROUPS,
  MAX_FILE_BYTES,
  auditExport,
  flagText,
  formatP,
  groupLabel,
  importPopulationFile,
  populationPage,
  populationTemplate,
  recordTypedPopulation,
  reportSheet,
  reportWorkbook,
  representationReport,
  sectionChart,
  type Characteristic,
} from './representation.service.ts';

const needs = (action: 'population.manage' | 'evaluation.view') => ({ config: { access: { action } } });

/** What the multipart parser left: the file's bytes and name, and whether it was cut short. */
type Upload = { bytes: Buffer | undefined; fileName: string | null; truncated: boolean };
const received = new WeakMap<FastifyRequest, Upload>();

/** Today in London, as YYYY-MM-DD (the figures cannot describe a day still to come). */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

const dateValues = (body: Record<string, unknown>) => {
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  return { 'asAt-day': s(body['asAt-day']), 'asAt-month': s(body['asAt-month']), 'asAt-year': s(body['asAt-year']), source: s(body.source) };
};

export default async function representationRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const base = (request: FastifyRequest) => `/a/${request.area!.slug}/manage/evaluation`;

  // ── Population figures ────────────────────────────────────────────────────────────────────────
  app.get('/a/:area/manage/evaluation/population', needs('population.manage'), async (request, reply) => {
    const area = request.area!;
    const page = await populationPage(db, area.id);
    return reply.page('evaluation/views/representation/population.njk', {
      title: request.t('evaluation.representation.population.title'),
      backLink: base(request),
      page,
      label: (c: Characteristic, v: string) => groupLabel(request.t, c, v),
      base: base(request),
    });
  });

  app.get('/a/:area/manage/evaluation/population/template.csv', needs('population.manage'), async (request, reply) => {
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="population-template.csv"')
      .header('Cache-Control', 'no-store')
      .send(toCsv(populationTemplate()));
  });

  const renderImport = (request: FastifyRequest, reply: FastifyReply, state: { values?: Record<string, unknown>; problems?: FormProblem[]; fileProblems?: Array<{ line: number; text: string }>; more?: number } = {}, status = 200) => {
    const { errors, errorSummary: others } = errorState(state.problems ?? [], POPULATION_FIELD_IDS);
    // Each bad line of the file is named in the summary, not only the first (they all link to the file box).
    const fileSummary = (state.fileProblems ?? []).map((p) => ({ text: p.text, href: '#file' }));
    const errorSummary = fileSummary.length ? [...fileSummary, ...others.filter((e) => e.href !== '#file')] : others;
    return reply.page('evaluation/views/representation/import.njk', {
      title: request.t('evaluation.representation.import.title'),
      backLink: `${base(request)}/population`,
      base: base(request),
      values: state.values ?? {},
      errors,
      errorSummary: errorSummary.length ? errorSummary : undefined,
      fileProblems: state.fileProblems ?? [],
      more: state.more ?? 0,
      maxKb: MAX_FILE_BYTES / 1000,
      characteristics: CHARACTERISTICS,
      groups: GROUPS,
      label: (c: Characteristic, v: string) => groupLabel(request.t, c, v),
    }, status);
  };

  app.get('/a/:area/manage/evaluation/population/import', needs('population.manage'), (request, reply) => renderImport(request, reply));

  // The one form that carries a file: the only route here with a multipart parser (an encapsulated
  // context), so every other form still answers 415 to a multipart body.
  await app.register(async (uploads) => {
    await uploads.register(multipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { fileSize: MAX_FILE_BYTES + 1, files: 1, fields: 10, fieldSize: 1_000, parts: 12, headerPairs: 100 },
      async onFile(part) {
        const bytes = await part.toBuffer();
        received.set(this, { bytes: bytes.length ? bytes : undefined, fileName: part.filename || null, truncated: part.file.truncated });
        // The bytes stay out of the body: the form reads words only.
        (part as unknown as { _buf: Buffer | null })._buf = null;
        (part as unknown as { value: string }).value = '';
      },
    });

    uploads.post('/a/:area/manage/evaluation/population/import', needs('population.manage'), async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values = dateValues(body);
      const form = parseForm(aboutFiguresForm(today()), body, request.t, POPULATION_FIELD_IDS);
      const about = form.ok ? { data: form.data, problems: [] as FormProblem[] } : { data: undefined, problems: form.summary.map((e) => ({ field: e.href === '#asAt-day' ? 'asAt' : e.href.slice(1), text: e.text })) };
      const upload = received.get(request) ?? { bytes: undefined, fileName: null, truncated: false };
      // The file is read even when the date or source is missing, so every problem is listed at once.
      const result = await importPopulationFile(db, request.area!.id, request.actor!.accountId, {
        asAt: about.data?.asAt ?? '',
        source: about.data?.source ?? '',
        fileName: upload.fileName,
        bytes: upload.bytes,
        truncated: upload.truncated,
        dryRun: !about.data,
      });
      if (!about.data || !result.ok) {
        const fileProblems = result.ok ? [] : result.problems.map((p) => ({ line: p.line, text: request.t('evaluation.representation.import.line', { line: p.line.toLocaleString('en-GB'), problem: request.t(`evaluation.representation.import.problems.${p.key}`, p.params) }) }));
        const problems: FormProblem[] = [...about.problems];
        if (fileProblems.length) problems.unshift({ field: 'file', text: fileProblems.length === 1 ? `${fileProblems[0]!.text} ${request.t('evaluation.representation.import.nothingStored')}` : request.t('evaluation.representation.import.problemsFound', { n: fileProblems.length + (result.ok ? 0 : result.more) }) });
        return renderImport(request, reply, { values, problems, fileProblems, more: result.ok ? 0 : result.more }, 422);
      }
      return reply.flash(request.t('evaluation.representation.import.done', { n: result.rows })).redirect(`${base(request)}/population`, 303);
    });
  });

  // ── Figures typed in ─────────────────────────────────────────────────────────────────────────
  const renderTyped = async (request: FastifyRequest, reply: FastifyReply, state: { values?: Record<string, unknown>; problems?: FormProblem[] } = {}, status = 200) => {
    const { errors, errorSummary } = errorState(state.problems ?? [], POPULATION_FIELD_IDS);
    return reply.page('evaluation/views/representation/typed.njk', {
      title: request.t('evaluation.representation.typed.title'),
      backLink: `${base(request)}/population`,
      values: state.values ?? {},
      errors,
      errorSummary: errorSummary.length ? errorSummary : undefined,
      organisationItems: [{ value: '', text: request.t('evaluation.representation.typed.wholeArea') }, ...(await listOrganisations(db, request.area!.id)).map((o) => ({ value: o.id, text: o.name }))],
      characteristics: CHARACTERISTICS.map((c) => ({ characteristic: c, groups: GROUPS[c].map((v) => ({ value: v, field: countField(c, v), label: groupLabel(request.t, c, v) })) })),
    }, status);
  };

  app.get('/a/:area/manage/evaluation/population/new', needs('population.manage'), (request, reply) => renderTyped(request, reply));

  app.post('/a/:area/manage/evaluation/population/new', needs('population.manage'), async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const area = request.area!;
    const s = (v: unknown) => (typeof v === 'string' ? v : '');
    const values: Record<string, unknown> = { ...dateValues(body), organisation: s(body.organisation) };
    for (const c of CHARACTERISTICS) for (const v of GROUPS[c]) values[countField(c, v)] = s(body[countField(c, v)]);
    const organisations = await listOrganisations(db, area.id);
    const form = parseForm(typedFiguresForm(today(), organisations.map((o) => o.id), (c, v) => groupLabel(request.t, c, v)), body, request.t, POPULATION_FIELD_IDS);
    if (!form.ok) return renderTyped(request, reply, { values, problems: form.summary.map((e) => ({ field: e.href === '#asAt-day' ? 'asAt' : e.href.slice(1), text: e.text })) }, 422);
    await recordTypedPopulation(db, area.id, request.actor!.accountId, form.data);
    return reply.flash(request.t('evaluation.representation.typed.done', { n: form.data.counts.length })).redirect(`${base(request)}/population`, 303);
  });

  // ── The comparison ────────────────────────────────────────────────────────────────────────────
  app.get('/a/:area/manage/evaluation/representation', needs('evaluation.view'), async (request, reply) => {
    const area = request.area!;
    const report = await representationReport(db, area.id);
    const t = request.t;
    return reply.page('evaluation/views/representation/report.njk', {
      title: t('evaluation.representation.title'),
      backLink: base(request),
      base: base(request),
      report,
      flags: report.flags.map((f) => ({ ...f, text: flagText(t, f) })),
      charts: Object.fromEntries(report.sections.map((s) => [s.characteristic, sectionChart(t, s)])),
      merged: Object.fromEntries(
        report.sections.map((s) => {
          const names = (reason: string) => (s.fit?.merged ?? []).filter((m) => m.reason === reason).map((m) => groupLabel(t, s.characteristic, m.value)).join('; ');
          return [s.characteristic, { small: names('small_expected'), hidden: names('hidden') }];
        }),
      ),
      label: (c: Characteristic, v: string) => groupLabel(t, c, v),
      formatP: (p: number) => formatP(t, p),
      managesPopulation: can(request.actor, 'population.manage', { areaId: area.id }),
    });
  });

  const exportTable = (request: FastifyRequest): Characteristic | undefined | 'invalid' => {
    const asked = (request.query as Record<string, unknown>).table;
    if (asked === undefined) return undefined;
    return typeof asked === 'string' && (CHARACTERISTICS as readonly string[]).includes(asked) ? (asked as Characteristic) : 'invalid';
  };

  app.get('/a/:area/manage/evaluation/representation.csv', needs('evaluation.view'), async (request, reply) => {
    const area = request.area!;
    const only = exportTable(request);
    if (only === 'invalid') return reply.redirect(`${base(request)}/representation`, 303);
    const report = await representationReport(db, area.id);
    await auditExport(db, area.id, request.actor!.accountId, 'csv', only);
    const fileName = `who-takes-part-${only ? `${only.replace(/_/g, '-')}-` : ''}${area.slug}-${today()}.csv`;
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${fileName}"`)
      .header('Cache-Control', 'no-store')
      .send(toCsv(reportSheet(request.t, report, only)));
  });

  app.get('/a/:area/manage/evaluation/representation.xlsx', needs('evaluation.view'), async (request, reply) => {
    const area = request.area!;
    const report = await representationReport(db, area.id);
    await auditExport(db, area.id, request.actor!.accountId, 'xlsx');
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', `attachment; filename="who-takes-part-${area.slug}-${today()}.xlsx"`)
      .header('Cache-Control', 'no-store')
      .send(await reportWorkbook(request.t, report));
  });
}

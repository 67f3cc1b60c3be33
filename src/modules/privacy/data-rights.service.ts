/**
 * UK GDPR data rights for one person (issue 9 §2): what Chorus holds about them (Article 15, subject
 * access) as a download, and erasure (Article 17). What is found, shown and erased is what the
 * personal-data catalogue says (personal-data.ts), table by table.
 *
 * Safeguarding (decision 0012):
 * - concerns are never in a download (only designated safeguarding leads read them); the results page
 *   counts them, read in a safeguarding transaction;
 * - contributions held for a safeguarding lead are not in a download either, nor is any answer whose
 *   words are under a concern: a disclosure of harm, even redacted, shown to whoever made the request
 *   (perhaps a parent, on a child's behalf) could put the child at risk. The lead decides what can be
 *   shared; the results page says how many pieces were left out;
 * - erasure deletes held contributions too (a safeguarding transaction, here only) and keeps the
 *   concerns, unlinked from what was erased: they keep their own copy of the words.
 *
 * Every search, download and erasure is audited with the kind of search and counts, never the address,
 * number or code searched for.
 */
import path from 'node:path';
import JSZip from 'jszip';
import nunjucks from 'nunjucks';
import type { AreaTx, Db } from '../../db/database.ts';
import { withAccount, withArea, withSafeguarding } from '../../db/db.ts';
import { can, type Actor } from '../../lib/authorisation.ts';
import { ForbiddenError } from '../../lib/errors.ts';
import { isEmailAddress, normaliseUkMobile } from '../feedback/contacts.service.ts';
import type { Language, Translate } from '../../lib/messages/messages.ts';
import { audit } from './audit.service.ts';
import { withdrawQuotes } from '../feedback/responses.service.ts';
import type { Search } from './data-rights.forms.ts';
import * as repo from './data-rights.repository.ts';
import { CATALOGUE, downloadTables, isDateColumn, tableEntry, type AnonymousValue, type CatalogueTable, type TableEntry } from './personal-data.ts';
import { answerInWords, findQuestions, type Question } from '../surveys/questions.service.ts';

type Area = { id: string; slug: string; name: string };

/** What the search found, before anything is left out of a download. */
type Found = {
  /** The account that signs in with the address searched for, when it has something in this area. */
  account: repo.AccountFound | undefined;
  values: repo.FinderValues;
  rows: Map<CatalogueTable, repo.FoundRow[]>;
};

const uniq = <T>(list: readonly T[]) => [...new Set(list)];

/**
 * Everything the catalogue finds for this search in this area. Area tables first: an account is
 * reached (with its sessions, sign-in links, sign-in log and installation messages) only when it has
 * something in this area, so an admin of one area learns nothing of people who only use another.
 */
async function gather(tx: AreaTx, area: Area, search: Search): Promise<Found> {
  const email = search.kind === 'email' ? search.value : undefined;
  const phone = search.kind === 'phone' ? search.value : undefined;
  const receiptCode = search.kind === 'receipt_code' ? search.value : undefined;
  const candidate = email ? await repo.findAccountByEmail(tx, email) : undefined;
  const accountIds = candidate ? [candidate.id] : [];
  const responseIds = await repo.findResponseIds(tx, area.id, { accountIds, email, phone, receiptCode });
  const contributionIds = await repo.findContributionIds(tx, area.id, { responseIds, accountIds, receiptCodes: receiptCode ? [receiptCode] : [] });
  const signupIds = await repo.findSignupIds(tx, area.id, { accountIds, email, phone });
  const receiptCodes = uniq([...(receiptCode ? [receiptCode] : []), ...(await repo.receiptCodesOf(tx, area.id, responseIds, contributionIds))]);
  const values: repo.FinderValues = {
    accountIds,
    emails: email ? [email] : [],
    accountEmails: [],
    phones: phone ? [phone] : [],
    receiptCodes,
    responseIds,
    contributionIds,
    signupIds,
    givenEmails: [],
    givenPhones: [],
  };
  const rows = new Map<CatalogueTable, repo.FoundRow[]>();
  for (const [table, entry] of CATALOGUE) {
    if (entry.tenancy === 'area_id' || entry.tenancy === 'area') rows.set(table, await repo.findRows(tx, area, table, entry, values));
  }
  Object.assign(values, givenAddresses(rows));
  const inArea = [...rows.values()].some((found) => found.some((f) => f.links.some((l) => l.by === 'account' || l.by === 'account_key')));
  const account = candidate && inArea ? candidate : undefined;
  values.accountIds = account ? [account.id] : [];
  values.accountEmails = account ? [account.email] : [];
  for (const [table, entry] of CATALOGUE) {
    if (entry.tenancy === 'area_slug' || entry.tenancy === 'installation') rows.set(table, await repo.findRows(tx, area, table, entry, values));
  }
  return { account, values, rows };
}

/** The addresses in the person's own rows where they chose to be contacted (the catalogue's `gives`). */
function givenAddresses(rows: Map<CatalogueTable, repo.FoundRow[]>): { givenEmails: string[]; givenPhones: string[] } {
  const emails = new Set<string>();
  const phones = new Set<string>();
  for (const [table, entry] of CATALOGUE) {
    const gives = entry.gives;
    if (!gives) continue;
    for (const f of rows.get(table) ?? []) {
      if (!f.links.some((l) => l.holds === 'row') || !gives.when.in.includes(String(f.row[gives.when.column]))) continue;
      const address = String(f.row[gives.column] ?? '').trim();
      if (isEmailAddress(address)) emails.add(address.toLowerCase());
      const mobile = normaliseUkMobile(address);
      if (mobile) phones.add(mobile.slice(1));
    }
  }
  return { givenEmails: [...emails].sort(), givenPhones: [...phones].sort() };
}

/** Concerns about the person's words, and which of their words are held or under one (counts and keys, never words). */
async function safeguardingOf(db: Db, area: Area, search: Search, account: repo.AccountFound | undefined): Promise<repo.SafeguardingLinks> {
  return withSafeguarding(db, area.id, async (tx) => {
    const accountIds = account ? [account.id] : [];
    const by = {
      accountIds,
      email: search.kind === 'email' ? search.value : undefined,
      phone: search.kind === 'phone' ? search.value : undefined,
      receiptCode: search.kind === 'receipt_code' ? search.value : undefined,
    };
    const responseIds = await repo.findResponseIds(tx, area.id, by);
    const contributionIds = await repo.findContributionIds(tx, area.id, { responseIds, accountIds, receiptCodes: by.receiptCode ? [by.receiptCode] : [] });
    return repo.safeguardingLinks(tx, area.id, responseIds, contributionIds);
  });
}

function countRows(rows: Map<CatalogueTable, repo.FoundRow[]>): number {
  let total = 0;
  for (const found of rows.values()) total += found.length;
  return total;
}

function assertMay(actor: Actor, action: 'privacy.subject_access' | 'privacy.erasure', areaId: string): void {
  if (!can(actor, action, { areaId })) throw new ForbiddenError(action);
}

// ── What Chorus holds ───────────────────────────────────────────────────────────────────────────

export type AccountSummary = { displayName: string; otherAreas: boolean; operator: boolean; isYou: boolean };

export type Overview = {
  /** Records found, in every table. */
  total: number;
  /** Tables with something found, in catalogue order. */
  tables: Array<{ table: CatalogueTable; count: number }>;
  account: AccountSummary | null;
  safeguarding: { concerns: number; held: number; withheld: number };
};

async function accountSummary(db: Db, area: Area, actor: Actor, account: repo.AccountFound | undefined): Promise<AccountSummary | null> {
  if (!account) return null;
  // The memberships of one account across areas: a transaction that may read them and nothing area-owned.
  const others = await withAccount(db, account.id, (tx) => repo.countOtherAreas(tx, area.id, account.id));
  return { displayName: account.displayName, otherAreas: others > 0, operator: account.isOperator, isYou: account.id === actor.accountId };
}

/** What Chorus holds about the person, as counts per kind of data. Audited as a search. */
export async function findPerson(db: Db, actor: Actor, area: Area, search: Search): Promise<Overview> {
  assertMay(actor, 'privacy.subject_access', area.id);
  const found = await withArea(db, area.id, async (tx) => {
    const result = await gather(tx, area, search);
    await audit(tx, area.id, actor.accountId, 'data_rights.searched', { type: 'person', detail: { searchBy: search.kind, records: countRows(result.rows) } });
    return result;
  });
  const sg = await safeguardingOf(db, area, search, found.account);
  const tables = CATALOGUE.flatMap(([table]) => {
    const count = found.rows.get(table)?.length ?? 0;
    return count > 0 ? [{ table, count }] : [];
  });
  return {
    total: countRows(found.rows),
    tables,
    account: await accountSummary(db, area, actor, found.account),
    safeguarding: { concerns: sg.concerns, held: sg.held, withheld: sg.pieces.length },
  };
}

// ── The download ────────────────────────────────────────────────────────────────────────────────

type Projected = Record<string, unknown>;

/** The columns of a row a download shows: its key, its dates, what it is about, and what is the person's. */
function project(entry: TableEntry, found: repo.FoundRow): Projected {
  const whole = found.links.some((l) => l.holds === 'row');
  const out: Projected = {};
  for (const [column, kind] of Object.entries(entry.columns)) {
    const mine = whole ? kind === 'personal' && !entry.withheld?.[column] : found.links.some((l) => l.column === column);
    if (!(mine || entry.key.includes(column) || isDateColumn(column) || entry.context?.includes(column))) continue;
    if (entry.withheld?.[column]) continue;
    const value = found.row[column];
    out[column] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}

/**
 * The rows of a download, table by table, without the words a safeguarding lead has to decide about
 * (held contributions are not even visible here: this is an ordinary transaction).
 */
function downloadRows(found: Found, search: Search, sg: repo.SafeguardingLinks): Map<CatalogueTable, Projected[]> {
  const pieces = new Set(sg.pieces);
  const underConcern = new Set(sg.contributionIds);
  const answerWithheld = (responseId: unknown, questionId: unknown) => sg.pieces.some((p) => p.startsWith(`${String(responseId)}/${String(questionId)}/`));
  const out = new Map<CatalogueTable, Projected[]>();
  const droppedContributions = new Set<string>();
  for (const f of found.rows.get('contribution') ?? []) {
    const r = f.row;
    if (underConcern.has(String(r.id)) || pieces.has(`${String(r.response_id)}/${String(r.question_id ?? '')}/${String(r.source)}`)) droppedContributions.add(String(r.id));
  }
  for (const table of downloadTables(search.kind)) {
    const entry = tableEntry(table);
    const rows: Projected[] = [];
    for (const f of found.rows.get(table) ?? []) {
      if (table === 'answer' && answerWithheld(f.row.response_id, f.row.question_id)) continue;
      if (table === 'contribution' && droppedContributions.has(String(f.row.id))) continue;
      if ((table === 'redaction' || table === 'theme_contribution') && droppedContributions.has(String(f.row.contribution_id))) continue;
      const projected = project(entry, f);
      if (table === 'response' && pieces.has(`${String(f.row.id)}//anything_else`)) delete projected.anything_else;
      rows.push(projected);
    }
    out.set(table, rows);
  }
  return out;
}

const bundleViews = new nunjucks.Environment(new nunjucks.FileSystemLoader(path.join(import.meta.dirname, 'views')), { autoescape: true, trimBlocks: true, lstripBlocks: true });

type Lookups = Awaited<ReturnType<typeof repo.describe>> & { answered: Map<string, Question> };

function formatDateTime(value: string, lang: Language): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  return new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', dayOnly
    ? { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }
    : { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' }).format(date);
}

/** A value as words: answers with their options' labels, activities and questions by their words. */
function display(column: string, value: unknown, row: Record<string, unknown>, lookups: Lookups, t: Translate, lang: Language): string {
  if (value === null || value === undefined || value === '') return t('dataRights.bundle.notGiven');
  if (typeof value === 'boolean') return t(value ? 'dataRights.bundle.yes' : 'dataRights.bundle.no');
  if (column === 'activity_id') return lookups.activities.get(String(value)) ?? String(value);
  if (column === 'question_id') return lookups.questions.get(String(value)) ?? String(value);
  if (column === 'action') {
    const label = t(`audit.actions.${String(value)}`);
    return label === `audit.actions.${String(value)}` ? String(value) : label;
  }
  if (typeof value === 'string' && isDateColumn(column)) return formatDateTime(value, lang);
  if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ') : t('dataRights.bundle.notGiven');
  if (typeof value === 'object') {
    // An answer: in words, as its question's type says (the question comes with the row).
    const question = column === 'value' && typeof row.question_id === 'string' ? lookups.answered.get(row.question_id) : undefined;
    const words = question ? answerInWords(question, value, t, lang) : [];
    return words.length ? words.join('; ') : JSON.stringify(value, null, 2);
  }
  return String(value);
}

function renderIndex(area: Area, tables: Map<CatalogueTable, Projected[]>, lookups: Lookups, t: Translate, lang: Language, createdAt: Date): string {
  const sections = [...tables].flatMap(([table, rows]) => {
    if (rows.length === 0) return [];
    const title = t(`dataRights.tables.${table}.title`);
    return [{
      id: table.replaceAll('_', '-'),
      title,
      description: t(`dataRights.tables.${table}.description`),
      rows: rows.map((row, i) => ({
        caption: t('dataRights.bundle.rowCaption', { title, n: i + 1, count: rows.length }),
        fields: Object.entries(row).map(([column, value]) => ({ label: t(`dataRights.columns.${column}`), value: display(column, value, row, lookups, t, lang) })),
      })),
    }];
  });
  return bundleViews.render('data-rights/bundle.njk', {
    lang,
    t,
    areaName: area.name,
    created: formatDateTime(createdAt.toISOString(), lang),
    sections,
    empty: sections.length === 0,
  });
}

export type Bundle = { zip: Buffer; filename: string; records: number };

/**
 * Everything Chorus holds about the person in this area as a zip: index.html (a page to read, with no
 * outside files) and data.json (every row, by table: its key, dates and personal columns). Audited.
 */
export async function downloadBundle(db: Db, actor: Actor, area: Area, search: Search, t: Translate, lang: Language, now = new Date()): Promise<Bundle> {
  assertMay(actor, 'privacy.subject_access', area.id);
  const { found, lookups } = await withArea(db, area.id, async (tx) => {
    const result = await gather(tx, area, search);
    const ids = (table: CatalogueTable, column: string) => (result.rows.get(table) ?? []).map((f) => f.row[column]).filter((v): v is string => typeof v === 'string');
    const activityIds = uniq(['response', 'activity_signup', 'adjustment_request', 'contribution', 'listened_rating'].flatMap((table) => ids(table as CatalogueTable, 'activity_id')));
    const questionIds = uniq([...ids('answer', 'question_id'), ...ids('contribution', 'question_id')]);
    return { found: result, lookups: { ...(await repo.describe(tx, area.id, activityIds, questionIds)), questionIds } };
  });
  // Answers in words, as each question's type puts them (surveys/question-types/).
  const answered = new Map((await findQuestions(db, area.id, lookups.questionIds)).map((q) => [q.id, q]));
  const sg = await safeguardingOf(db, area, search, found.account);
  const tables = downloadRows(found, search, sg);
  let records = 0;
  for (const rows of tables.values()) records += rows.length;
  const data = { format: 'chorus-subject-access/1', area: { name: area.name, slug: area.slug }, createdAt: now.toISOString(), searchedBy: search.kind, tables: Object.fromEntries(tables) };
  const zip = new JSZip();
  zip.file('index.html', renderIndex(area, tables, { ...lookups, answered }, t, lang, now), { date: now });
  zip.file('data.json', `${JSON.stringify(data, null, 2)}\n`, { date: now });
  const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  await withArea(db, area.id, (tx) => audit(tx, area.id, actor.accountId, 'data_rights.downloaded', { type: 'person', detail: { searchBy: search.kind, records } }));
  return { zip: buffer, filename: `chorus-${area.slug}-information-${now.toISOString().slice(0, 10)}.zip`, records };
}

// ── Erasure ─────────────────────────────────────────────────────────────────────────────────────

export type Outcome = 'removed' | 'anonymised' | 'unlinked' | 'kept';
const OUTCOMES: readonly Outcome[] = ['removed', 'anonymised', 'unlinked', 'kept'];

/**
 * What happens to one row. `outcome` is how it is counted; `values` (anonymise the row), `quotes`
 * (take their quotes out of a published copy) and `columns` (set these links to null) are what is
 * done, and a row not about the person may need both of the last two.
 */
type Decision = {
  outcome: Outcome;
  because?: 'account' | 'table';
  values?: Readonly<Record<string, AnonymousValue>>;
  quotes?: boolean;
  columns?: string[];
};

function decide(entry: TableEntry, found: repo.FoundRow, accountErased: boolean): Decision {
  // Installation data goes with the account, and only when the account goes.
  const withAccount = entry.tenancy === 'installation' || (entry.tenancy === 'area_slug' && found.row.area_slug === null);
  if (withAccount && !accountErased) return { outcome: 'kept', because: 'account' };
  const rowLinks = found.links.filter((l) => l.holds === 'row');
  if (rowLinks.some((l) => l.erase.action === 'delete')) return { outcome: 'removed' };
  for (const link of rowLinks) if (link.erase.action === 'anonymise') return { outcome: 'anonymised', values: link.erase.values };
  if (rowLinks.length > 0) return { outcome: 'kept', because: 'table' };
  const quotes = found.links.some((l) => l.erase.action === 'withdraw_quotes');
  const columns = uniq(found.links.filter((l) => l.erase.action === 'set_null').map((l) => l.column));
  if (quotes) return { outcome: 'anonymised', quotes, columns };
  if (columns.length > 0) return { outcome: 'unlinked', columns };
  return { outcome: 'kept', because: 'table' };
}

export type TableCount = { table: CatalogueTable; count: number; reason?: string };

export type ErasurePlan = {
  account: (AccountSummary & { erased: boolean }) | null;
  /** Per outcome, the tables and how many rows, in catalogue order. */
  outcomes: Record<Outcome, TableCount[]>;
  total: number;
  /** Safeguarding records kept (and unlinked). */
  safeguardingKept: number;
};

type Planned = { table: CatalogueTable; entry: TableEntry; found: repo.FoundRow; decision: Decision };

function summarise(planned: Planned[], account: ErasurePlan['account']): ErasurePlan {
  const outcomes = { removed: [], anonymised: [], unlinked: [], kept: [] } as Record<Outcome, TableCount[]>;
  for (const outcome of OUTCOMES) {
    for (const [table] of CATALOGUE) {
      const rows = planned.filter((p) => p.table === table && p.decision.outcome === outcome);
      if (outcome !== 'kept') {
        if (rows.length > 0) outcomes[outcome].push({ table, count: rows.length });
        continue;
      }
      const withAccount = rows.filter((p) => p.decision.outcome === 'kept' && p.decision.because === 'account').length;
      if (rows.length - withAccount > 0) outcomes.kept.push({ table, count: rows.length - withAccount, reason: `dataRights.tables.${table}.kept` });
      if (withAccount > 0) outcomes.kept.push({ table, count: withAccount, reason: 'dataRights.erase.keptWithAccount' });
    }
  }
  const safeguardingKept = planned.filter((p) => p.table === 'safeguarding_concern').length;
  return { account, outcomes, total: planned.length, safeguardingKept };
}

/**
 * Inside a safeguarding transaction (held contributions and concerns visible): what erasure would do
 * to each row found. The account goes only when it belongs to no other area and is not an operator.
 */
async function plan(tx: AreaTx, area: Area, search: Search, actor: Actor): Promise<{ planned: Planned[]; account: ErasurePlan['account'] }> {
  const found = await gather(tx, area, search);
  let account: ErasurePlan['account'] = null;
  if (found.account) {
    await repo.seeMembershipsOf(tx, found.account.id);
    const otherAreas = (await repo.countOtherAreas(tx, area.id, found.account.id)) > 0;
    const erased = !otherAreas && !found.account.isOperator;
    account = { displayName: found.account.displayName, otherAreas, operator: found.account.isOperator, isYou: found.account.id === actor.accountId, erased };
  }
  const planned: Planned[] = [];
  for (const [table, entry] of CATALOGUE) {
    for (const f of found.rows.get(table) ?? []) planned.push({ table, entry, found: f, decision: decide(entry, f, account?.erased ?? false) });
  }
  return { planned, account };
}

/** What erasure would remove, anonymise, unlink and keep: counts only. Changes nothing. */
export async function previewErasure(db: Db, actor: Actor, area: Area, search: Search): Promise<ErasurePlan> {
  assertMay(actor, 'privacy.erasure', area.id);
  return withSafeguarding(db, area.id, async (tx) => {
    const { planned, account } = await plan(tx, area, search, actor);
    return summarise(planned, account);
  });
}

/**
 * Erases the person's data in this area, in one transaction: first what is anonymised or unlinked
 * (published quotes while their contributions still exist to match them), then what is removed,
 * children before parents (the catalogue's order, reversed). Audited with counts per table.
 * Refuses to erase the admin's own account.
 */
export async function erasePerson(db: Db, actor: Actor, area: Area, search: Search): Promise<ErasurePlan> {
  assertMay(actor, 'privacy.erasure', area.id);
  return withSafeguarding(db, area.id, async (tx) => {
    const { planned, account } = await plan(tx, area, search, actor);
    if (account?.isYou) throw new ForbiddenError('an admin cannot erase their own account');
    const reversed = [...CATALOGUE].reverse();
    const ofTable = (table: CatalogueTable) => planned.filter((p) => p.table === table);
    // Quotes of their words leave the published copies first, and leads are asked to publish again.
    if (planned.some((p) => p.decision.quotes)) {
      const quotes = ofTable('contribution').map((p) => ({ contributionId: String(p.found.row.id), text: String(p.found.row.redacted_text ?? '') }));
      await withdrawQuotes(tx, area.id, quotes.filter((q) => q.text), { askToPublishAgain: true });
    }
    for (const [table, entry] of reversed) {
      const here = ofTable(table);
      for (const p of here) if (p.decision.values) await repo.anonymise(tx, table, entry.key, [p.found.row], p.decision.values);
      for (const column of uniq(here.flatMap((p) => p.decision.columns ?? []))) {
        await repo.setNull(tx, table, entry.key, here.filter((p) => p.decision.columns?.includes(column)).map((p) => p.found.row), column);
      }
    }
    for (const [table, entry] of reversed) {
      await repo.deleteRows(tx, table, entry.key, ofTable(table).filter((p) => p.decision.outcome === 'removed').map((p) => p.found.row));
    }
    const summary = summarise(planned, account);
    const counts = (outcome: Outcome) => Object.fromEntries(summary.outcomes[outcome].map((c) => [c.table, c.count]));
    // Counts per table, never what was searched for or what the rows said.
    await audit(tx, area.id, actor.accountId, 'data_rights.erased', {
      type: 'person',
      detail: {
        searchBy: search.kind,
        removed: counts('removed'),
        anonymised: counts('anonymised'),
        unlinked: counts('unlinked'),
        kept: counts('kept'),
        account: account ? (account.erased ? 'anonymised' : 'kept') : 'none',
      },
    });
    return summary;
  });
}

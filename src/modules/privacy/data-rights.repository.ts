/**
 * All SQL of subject access and erasure. Rows are found and changed table by table as the
 * personal-data catalogue says (personal-data.ts), so the catalogue and what is done cannot drift
 * apart; the few hand-written queries below find the person's own records (accounts, responses,
 * contributions, sign-ups) that the catalogue's links start from.
 *
 * Every function takes an area transaction: row-level security keeps each query to that area, and
 * the explicit area conditions here say the same thing again. Tables without an area (accounts and
 * what hangs off them) are reached only through an account that has something in this area.
 */
import { sql, type RawBuilder } from 'kysely';
import type { AreaTx } from '../../db/database.ts';
import type { CatalogueTable, Finder, Link, TableEntry } from './personal-data.ts';

export type Row = Record<string, unknown>;

/** What a person's rows are found by: the search, and the records it led to. */
export type FinderValues = {
  accountIds: string[];
  /** Email addresses compared with area rows (the one searched for). */
  emails: string[];
  /** The addresses of accounts found, compared with installation rows (sign-in log, installation messages). */
  accountEmails: string[];
  /** UK mobiles as 447… digits. */
  phones: string[];
  /** Receipt codes as stored ("7KQ-4MZ"). */
  receiptCodes: string[];
  responseIds: string[];
  contributionIds: string[];
  signupIds: string[];
  /** Where they chose to hear back (lower-case emails, 447… mobiles): messages sent there are theirs. */
  givenEmails: string[];
  givenPhones: string[];
};

export type AccountFound = { id: string; email: string; displayName: string; isOperator: boolean; disabled: boolean };

// ── Starting points ─────────────────────────────────────────────────────────────────────────────

/** The account that signs in with this address, if any (accounts are installation-wide: no area yet). */
export async function findAccountByEmail(tx: AreaTx, email: string): Promise<AccountFound | undefined> {
  const row = await tx.selectFrom('account').select(['id', 'email', 'display_name', 'is_operator', 'disabled_at']).where('email', '=', email).executeTakeFirst();
  return row && { id: row.id, email: row.email ?? '', displayName: row.display_name, isOperator: row.is_operator, disabled: row.disabled_at !== null };
}

/**
 * A UK mobile number typed in any common way, as 447… digits (the SQL twin of normaliseUkMobile in
 * feedback/contacts.service.ts: numbers are stored as the person typed them, or normalised).
 */
function phoneDigits(value: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`regexp_replace(regexp_replace(regexp_replace(regexp_replace(${value}, '[[:space:]().-]', '', 'g'), '^([+]|00)', ''), '^440', '44'), '^0', '44')`;
}

function emailOf(value: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`lower(btrim(${value}))`;
}

/** Receipt codes compared without case or hyphen ("7kq4mz" is "7KQ-4MZ"). */
function codeOf(value: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`upper(replace(${value}, '-', ''))`;
}

const bareCodes = (codes: string[]) => codes.map((c) => c.toUpperCase().replaceAll('-', ''));

/** The responses that are the person's: by their account, their receipt code, or the address they asked to hear back at. */
export async function findResponseIds(tx: AreaTx, areaId: string, by: { accountIds: string[]; email?: string; phone?: string; receiptCode?: string }): Promise<string[]> {
  const conditions: RawBuilder<boolean>[] = [];
  if (by.accountIds.length > 0) conditions.push(sql<boolean>`r.account_id = any(${by.accountIds}::uuid[])`);
  if (by.receiptCode) conditions.push(sql<boolean>`${codeOf(sql.ref('r.receipt_code'))} = ${bareCodes([by.receiptCode])[0]}`);
  // Only the person's own way of hearing back leads to the response: an address given for a supporter
  // is the supporter's, and the answers are not theirs.
  if (by.email) {
    conditions.push(sql<boolean>`exists (select 1 from feedback_contact fc where fc.response_id = r.id and fc.area_id = ${areaId} and fc.channel = 'email' and ${emailOf(sql.ref('fc.address'))} = ${by.email})`);
  }
  if (by.phone) {
    conditions.push(sql<boolean>`exists (select 1 from feedback_contact fc where fc.response_id = r.id and fc.area_id = ${areaId} and fc.channel = 'sms' and ${phoneDigits(sql.ref('fc.address'))} = ${by.phone})`);
  }
  if (conditions.length === 0) return [];
  const rows = await sql<{ id: string }>`select r.id from response r where r.area_id = ${areaId} and (${sql.join(conditions, sql` or `)}) order by r.started_at, r.id`.execute(tx);
  return rows.rows.map((r) => r.id);
}

/** Contributions from those responses, by the account, or with the receipt code. Held ones only in a safeguarding transaction. */
export async function findContributionIds(tx: AreaTx, areaId: string, by: { responseIds: string[]; accountIds: string[]; receiptCodes: string[] }): Promise<string[]> {
  const conditions: RawBuilder<boolean>[] = [];
  if (by.responseIds.length > 0) conditions.push(sql<boolean>`c.response_id = any(${by.responseIds}::uuid[])`);
  if (by.accountIds.length > 0) conditions.push(sql<boolean>`c.account_id = any(${by.accountIds}::uuid[])`);
  if (by.receiptCodes.length > 0) conditions.push(sql<boolean>`${codeOf(sql.ref('c.receipt_code'))} = any(${bareCodes(by.receiptCodes)}::text[])`);
  if (conditions.length === 0) return [];
  const rows = await sql<{ id: string }>`select c.id from contribution c where c.area_id = ${areaId} and (${sql.join(conditions, sql` or `)}) order by c.created_at, c.id`.execute(tx);
  return rows.rows.map((r) => r.id);
}

export async function findSignupIds(tx: AreaTx, areaId: string, by: { accountIds: string[]; email?: string; phone?: string }): Promise<string[]> {
  const conditions: RawBuilder<boolean>[] = [];
  if (by.accountIds.length > 0) conditions.push(sql<boolean>`s.account_id = any(${by.accountIds}::uuid[])`);
  if (by.email) conditions.push(sql<boolean>`${emailOf(sql.ref('s.email'))} = ${by.email}`);
  if (by.phone) conditions.push(sql<boolean>`${phoneDigits(sql.ref('s.phone'))} = ${by.phone}`);
  if (conditions.length === 0) return [];
  const rows = await sql<{ id: string }>`select s.id from activity_signup s where s.area_id = ${areaId} and (${sql.join(conditions, sql` or `)}) order by s.created_at, s.id`.execute(tx);
  return rows.rows.map((r) => r.id);
}

/** The receipt codes of these responses and contributions, as stored. */
export async function receiptCodesOf(tx: AreaTx, areaId: string, responseIds: string[], contributionIds: string[]): Promise<string[]> {
  if (responseIds.length === 0 && contributionIds.length === 0) return [];
  const rows = await sql<{ code: string }>`
    select receipt_code as code from response where area_id = ${areaId} and id = any(${responseIds}::uuid[]) and receipt_code is not null
    union
    select receipt_code from contribution where area_id = ${areaId} and id = any(${contributionIds}::uuid[]) and receipt_code is not null`.execute(tx);
  return rows.rows.map((r) => r.code).sort();
}

// ── Rows, by the catalogue ──────────────────────────────────────────────────────────────────────

/** Only what an account found in this area reaches: its id and its address. */
function accountOnly(values: FinderValues): FinderValues {
  return { ...values, emails: values.accountEmails, phones: [], receiptCodes: [], responseIds: [], contributionIds: [], signupIds: [], givenEmails: [], givenPhones: [] };
}

function linkCondition(link: Link, values: FinderValues): RawBuilder<boolean> | undefined {
  const column = sql.ref(`t.${link.column}`);
  const ids = (list: string[]) => {
    if (list.length === 0) return undefined;
    if (link.jsonKey) return sql<boolean>`(${column} ->> ${link.jsonKey}) = any(${list}::text[])`;
    return link.text ? sql<boolean>`${column} = any(${list}::text[])` : sql<boolean>`${column} = any(${list}::uuid[])`;
  };
  const by: Record<Finder, () => RawBuilder<boolean> | undefined> = {
    account: () => ids(values.accountIds),
    // A panel membership (issue 16) of one of their accounts: its sessions, scores, debrief and time given.
    panel_member: () =>
      values.accountIds.length
        ? sql<boolean>`exists (select 1 from panel_member pm where pm.area_id = t.area_id and pm.id = ${column} and pm.account_id = any(${values.accountIds}::uuid[]))`
        : undefined,
    account_key: () => (values.accountIds.length ? sql<boolean>`${column} = any(${values.accountIds.map((id) => `account:${id}`)}::text[])` : undefined),
    email: () => (values.emails.length ? sql<boolean>`${emailOf(column)} = any(${values.emails}::text[])` : undefined),
    phone: () => (values.phones.length ? sql<boolean>`${phoneDigits(column)} = any(${values.phones}::text[])` : undefined),
    receipt_code: () => (values.receiptCodes.length ? sql<boolean>`${codeOf(column)} = any(${bareCodes(values.receiptCodes)}::text[])` : undefined),
    receipt_code_in_text: () => (values.receiptCodes.length ? sql<boolean>`exists (select 1 from unnest(${values.receiptCodes}::text[]) code where strpos(${column}, code) > 0)` : undefined),
    response: () => ids(values.responseIds),
    contribution: () => ids(values.contributionIds),
    signup: () => ids(values.signupIds),
    // A live session's participant whose 'live' response is one of theirs (issue 15).
    live_participant: () =>
      values.responseIds.length
        ? sql<boolean>`exists (select 1 from live_participant lp where lp.area_id = t.area_id and lp.id = ${column} and lp.response_id = any(${values.responseIds}::uuid[]))`
        : undefined,
    // A young person record (issue 17) of one of their accounts, and that young person's profiles.
    young_person: () =>
      values.accountIds.length
        ? sql<boolean>`exists (select 1 from young_person yp where yp.area_id = t.area_id and yp.id = ${column} and yp.account_id = any(${values.accountIds}::uuid[]))`
        : undefined,
    young_profile: () =>
      values.accountIds.length
        ? sql<boolean>`exists (select 1 from profile pr join young_person yp on yp.id = pr.young_person_id and yp.area_id = pr.area_id
            where pr.area_id = t.area_id and pr.id = ${column} and yp.account_id = any(${values.accountIds}::uuid[]))`
        : undefined,
    // A grant applicant (issue 16) who signs in with one of these addresses.
    grant_applicant: () =>
      values.emails.length
        ? sql<boolean>`exists (select 1 from grant_applicant ga where ga.area_id = t.area_id and ga.id = ${column} and ${emailOf(sql.ref('ga.email'))} = any(${values.emails}::text[]))`
        : undefined,
    // A published copy quoting the redacted words of one of their contributions that a lead chose to quote.
    quoted_contribution: () =>
      values.contributionIds.length
        ? sql<boolean>`exists (select 1 from theme_contribution tc join contribution c on c.id = tc.contribution_id
            where tc.theme_id = t.theme_id and tc.area_id = t.area_id and tc.is_quote and tc.contribution_id = any(${values.contributionIds}::uuid[])
              and (${column} -> 'theme' -> 'quotes') @> jsonb_build_array(c.redacted_text))`
        : undefined,
    given_address: () => {
      const parts = [
        values.givenEmails.length ? sql<boolean>`${emailOf(column)} = any(${values.givenEmails}::text[])` : undefined,
        values.givenPhones.length ? sql<boolean>`${phoneDigits(column)} = any(${values.givenPhones}::text[])` : undefined,
      ].filter((p): p is RawBuilder<boolean> => p !== undefined);
      return parts.length ? sql<boolean>`(${sql.join(parts, sql` or `)})` : undefined;
    },
  };
  return by[link.by]();
}

export type FoundRow = { row: Row; links: Link[] };

/**
 * The rows of one table that the catalogue's links find for these values, each with the links that
 * found it. Area tables are searched with everything; installation tables only with the accounts;
 * the outbox with everything for this area's messages and with the accounts for installation ones.
 */
export async function findRows(tx: AreaTx, area: { id: string; slug: string }, table: CatalogueTable, entry: TableEntry, values: FinderValues): Promise<FoundRow[]> {
  const links = entry.links ?? [];
  if (links.length === 0) return [];
  const matchers: Array<RawBuilder<boolean> | undefined> = [];
  const scoped = (scope: FinderValues) => links.map((link) => linkCondition(link, scope));
  let where: RawBuilder<boolean>;
  if (entry.tenancy === 'area_slug') {
    const here = scoped(values);
    const installation = scoped(accountOnly(values));
    links.forEach((_, i) => {
      const parts = [here[i] && sql<boolean>`(t.area_slug = ${area.slug} and ${here[i]})`, installation[i] && sql<boolean>`(t.area_slug is null and ${installation[i]})`].filter((p): p is RawBuilder<boolean> => Boolean(p));
      matchers.push(parts.length ? sql<boolean>`(${sql.join(parts, sql` or `)})` : undefined);
    });
    where = sql<boolean>`true`;
  } else {
    matchers.push(...scoped(entry.tenancy === 'installation' ? accountOnly(values) : values));
    where = entry.tenancy === 'area_id' ? sql<boolean>`t.area_id = ${area.id}` : entry.tenancy === 'area' ? sql<boolean>`t.id = ${area.id}` : sql<boolean>`true`;
  }
  const used = matchers.map((m, i) => ({ m, i })).filter((x): x is { m: RawBuilder<boolean>; i: number } => x.m !== undefined);
  if (used.length === 0) return [];
  const flags = used.map(({ m, i }) => sql`coalesce(${m}, false) as ${sql.ref(`__link_${i}`)}`);
  const order = entry.key.map((k) => sql.ref(`t.${k}`));
  const result = await sql<Row>`
    select t.*, ${sql.join(flags)} from ${sql.table(table)} as t
     where ${where} and (${sql.join(used.map((u) => u.m), sql` or `)})
     order by ${sql.join(order)}`.execute(tx);
  return result.rows.map((raw) => {
    const row: Row = {};
    const matched: Link[] = [];
    for (const [name, value] of Object.entries(raw)) {
      const flag = /^__link_(\d+)$/.exec(name);
      if (!flag) row[name] = value;
      else if (value === true) matched.push(links[Number(flag[1])]!);
    }
    return { row, links: matched };
  });
}

// ── Changing rows ───────────────────────────────────────────────────────────────────────────────

function keyIn(key: readonly string[], rows: Row[]): RawBuilder<boolean> {
  const columns = sql.join(key.map((k) => sql.ref(k)));
  const tuples = rows.map((r) => sql`(${sql.join(key.map((k) => sql`${r[k]}`))})`);
  return sql<boolean>`(${columns}) in (${sql.join(tuples)})`;
}

export async function deleteRows(tx: AreaTx, table: CatalogueTable, key: readonly string[], rows: Row[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await sql`delete from ${sql.table(table)} where ${keyIn(key, rows)}`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

export async function setNull(tx: AreaTx, table: CatalogueTable, key: readonly string[], rows: Row[], column: string): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await sql`update ${sql.table(table)} set ${sql.ref(column)} = null where ${keyIn(key, rows)}`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

const ANONYMOUS: Record<string, RawBuilder<unknown>> = {
  null: sql`null`,
  empty: sql`''`,
  erased: sql`'[erased]'`,
  erased_name: sql`'Erased account'`,
  erased_email: sql`'erased-' || gen_random_uuid() || '@erased.invalid'`,
  now: sql`now()`,
};

export async function anonymise(tx: AreaTx, table: CatalogueTable, key: readonly string[], rows: Row[], values: Readonly<Record<string, string>>): Promise<number> {
  if (rows.length === 0) return 0;
  const assignments = Object.entries(values).map(([column, value]) => sql`${sql.ref(column)} = ${ANONYMOUS[value]!}`);
  const result = await sql`update ${sql.table(table)} set ${sql.join(assignments)} where ${keyIn(key, rows)}`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Lets this transaction read one account's memberships in every area (the area_membership read
 * policy), to tell whether erasing the person here leaves their account with nowhere else to be.
 */
export async function seeMembershipsOf(tx: AreaTx, accountId: string): Promise<void> {
  await sql`select set_config('app.account_id', ${accountId}, true)`.execute(tx);
}

/** How many areas other than this one the account is a member of. Needs app.account_id set to it. */
export async function countOtherAreas(tx: AreaTx, areaId: string, accountId: string): Promise<number> {
  const row = await sql<{ n: string }>`select count(distinct area_id) as n from area_membership where account_id = ${accountId} and area_id <> ${areaId}`.execute(tx);
  return Number(row.rows[0]?.n ?? 0);
}

// ── Safeguarding (inside a safeguarding transaction only) ───────────────────────────────────────

export type SafeguardingLinks = {
  /** Concerns about the person's words. */
  concerns: number;
  /** Their contributions held for a safeguarding lead. */
  held: number;
  /** Pieces of text under a concern or held: "responseId/questionId/source" (questionId empty for anything else). */
  pieces: string[];
  /** Contributions under a concern (held or not). */
  contributionIds: string[];
};

export async function safeguardingLinks(tx: AreaTx, areaId: string, responseIds: string[], contributionIds: string[]): Promise<SafeguardingLinks> {
  const held = await sql<{ id: string; response_id: string | null; question_id: string | null; source: string }>`
    select id, response_id, question_id, source from contribution
     where area_id = ${areaId} and safeguarding_hold and id = any(${contributionIds}::uuid[])`.execute(tx);
  const sourceKeys = responseIds.map((id) => `response:${id}`);
  const concerns = await sql<{ id: string; source_key: string; contribution_id: string | null; response_id: string | null; question_id: string | null; source: string | null }>`
    select sc.id, sc.source_key, sc.contribution_id, c.response_id, c.question_id, c.source
      from safeguarding_concern sc left join contribution c on c.id = sc.contribution_id
     where sc.area_id = ${areaId}
       and (sc.response_id = any(${responseIds}::uuid[]) or sc.contribution_id = any(${contributionIds}::uuid[])
            or split_part(sc.source_key, '/', 1) = any(${sourceKeys}::text[]))`.execute(tx);
  const pieces = new Set<string>();
  const under = new Set<string>();
  for (const h of held.rows) {
    under.add(h.id);
    if (h.response_id) pieces.add(`${h.response_id}/${h.question_id ?? ''}/${h.source}`);
  }
  for (const c of concerns.rows) {
    if (c.contribution_id) under.add(c.contribution_id);
    if (c.response_id && c.source) pieces.add(`${c.response_id}/${c.question_id ?? ''}/${c.source}`);
    // Survey answers are named "response:<id>/<question id>/<source>" (contributions.service.ts answerSourceKey).
    const m = /^response:([0-9a-f-]{36})\/([0-9a-f-]{36})?\/([a-z_]+)$/.exec(c.source_key);
    if (m) pieces.add(`${m[1]}/${m[2] ?? ''}/${m[3]}`);
  }
  return { concerns: concerns.rows.length, held: held.rows.length, pieces: [...pieces].sort(), contributionIds: [...under].sort() };
}

// ── Words for a download ────────────────────────────────────────────────────────────────────────

/** Titles of activities, words of questions and of their options, so a download says what each answer was to. */
export async function describe(
  tx: AreaTx,
  areaId: string,
  activityIds: string[],
  questionIds: string[],
): Promise<{ activities: Map<string, string>; questions: Map<string, string>; options: Map<string, string> }> {
  const activities = activityIds.length ? await tx.selectFrom('activity').select(['id', 'title']).where('area_id', '=', areaId).where('id', 'in', activityIds).execute() : [];
  const questions = questionIds.length ? await tx.selectFrom('question').select(['id', 'text']).where('area_id', '=', areaId).where('id', 'in', questionIds).execute() : [];
  const options = questionIds.length ? await tx.selectFrom('question_option').select(['id', 'label']).where('area_id', '=', areaId).where('question_id', 'in', questionIds).execute() : [];
  return {
    activities: new Map(activities.map((a) => [a.id, a.title])),
    questions: new Map(questions.map((q) => [q.id, q.text])),
    options: new Map(options.map((o) => [o.id, o.label])),
  };
}

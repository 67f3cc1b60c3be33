/**
 * The personal-data catalogue (UK GDPR Article 30 in code): every column of every table, said to be
 * personal or not, and for every table that holds personal data how its rows are found for one person
 * and what erasure does to them. Subject access (data-rights.service.ts) reads and erases through this
 * catalogue and nothing else, and personal-data.test.ts fails when a table or column in the database
 * is missing here, so a new column cannot be forgotten by either.
 *
 * The words a person reads on the data-rights pages (what a table is, why something is kept) are in
 * messages/*.data-rights.json under dataRights.tables.<table>; the reasons here are for developers.
 *
 * Tables are listed in migration order, parents before children: erasure deletes in the reverse
 * order, so children go first and every removed row is counted (the test checks the order against
 * the foreign keys).
 */

/**
 * 'personal': identifies or is about a person (emails, names, phone numbers, account ids and links to
 * a person's rows, receipt codes, what people wrote or chose, equality data, addresses, user agents,
 * internet addresses). 'not_personal': ids of things that are not people, timestamps, settings,
 * counts, what staff wrote about services.
 */
export type ColumnClass = 'personal' | 'not_personal';

/**
 * How a row is found for one person, by what the column holds:
 * - account: their account id (only accounts that have something in this area count);
 * - account_key: 'account:<their account id>';
 * - email / phone: an address typed by them or for them, compared as an address (case, spaces and
 *   the many ways of writing a UK mobile number do not matter);
 * - receipt_code: their receipt code; receipt_code_in_text: a message that quotes it;
 * - response / contribution / signup: one of their survey responses, contributions or sign-ups;
 * - quoted_contribution: a published copy that quotes one of their contributions;
 * - given_address: an address the person chose to hear back at (a message sent to it is theirs);
 * - live_participant: someone in a live session whose 'live' response is one of theirs (issue 15).
 * - panel_member: a panel membership of one of their accounts (issue 16); code-only members have none.
 * - grant_applicant: someone who applies for grants, by the email address they sign in with (issue 16).
 * - young_person: a young person record (issue 17) of one of their accounts.
 * - young_profile: a profile ("All about me", "My views") of a young person record of one of their accounts (issue 17).
 */
export type Finder =
  | 'account'
  | 'panel_member'
  | 'account_key'
  | 'email'
  | 'phone'
  | 'receipt_code'
  | 'receipt_code_in_text'
  | 'response'
  | 'contribution'
  | 'signup'
  | 'quoted_contribution'
  | 'given_address'
  | 'live_participant'
  | 'grant_applicant'
  | 'young_person'
  | 'young_profile';

/** A value an anonymised column is set to. */
export type AnonymousValue =
  /** NULL */
  | 'null'
  /** '' */
  | 'empty'
  /** '[erased]' */
  | 'erased'
  /** 'Erased account' (shown in place of a name in history and the audit log) */
  | 'erased_name'
  /** 'erased-<random uuid>@erased.invalid': unique, so the unique index on account.email holds */
  | 'erased_email'
  /** now() */
  | 'now';

export type Erasure =
  /** The row goes. */
  | { action: 'delete' }
  /** The finder column is set to NULL (for a link to a person in a row that is not about them). */
  | { action: 'set_null' }
  /** The row stays, these columns are overwritten. */
  | { action: 'anonymise'; values: Readonly<Record<string, AnonymousValue>> }
  /** The person's quotes leave the published copy now, and leads are asked to publish again. */
  | { action: 'withdraw_quotes' }
  /** Nothing changes, for this reason. */
  | { action: 'keep'; reason: string };

export type Link = {
  column: string;
  by: Finder;
  /**
   * 'row': the whole row is about the person (a download shows its personal columns; erasure acts
   * on the row). 'column': only this column is about them, the rest is someone else's or nobody's
   * (a download shows this column; erasure acts on this column).
   */
  holds: 'row' | 'column';
  erase: Erasure;
  /** The account id sits under this key of a jsonb column. */
  jsonKey?: string;
  /** The column is text holding ids (compared as text rather than as uuid). */
  text?: true;
};

/**
 * Where a table's rows live: 'area_id' (row-level security by area), 'area' (the area row itself),
 * 'area_slug' (outbox: an area's messages by slug, installation messages with none), 'installation'
 * (accounts and what hangs off them: found only through an account that has something in this area,
 * and erased only when that account is).
 */
export type Tenancy = 'area_id' | 'area' | 'area_slug' | 'installation';

export type TableEntry = {
  /** What the table is, for developers. */
  about: string;
  tenancy: Tenancy;
  /** The columns that name one row (its primary key). */
  key: readonly string[];
  columns: Readonly<Record<string, ColumnClass>>;
  links?: readonly Link[];
  /** Personal columns no link acts on, and why they stay as they are. */
  untouched?: Readonly<Record<string, string>>;
  /** Personal columns left out of a download, and why (they are still erased with their row). */
  withheld?: Readonly<Record<string, string>>;
  /** The table is never put in a download, and why (it is still counted on the results page). */
  notInDownload?: string;
  /** Columns shown beside the personal ones in a download to say what a row is about (not personal). */
  context?: readonly string[];
  /**
   * An address in the person's rows that they chose to be contacted at, when the row's `when` column
   * is one of these values: it finds the messages sent to it (given_address).
   */
  gives?: { column: string; when: { column: string; in: readonly string[] } };
};

const P = 'personal';
const N = 'not_personal';

const KEPT_STAFF_RECORD = 'An account id recording who did something; it names nobody once the account is erased.';
const SET_NULL = { action: 'set_null' } as const;
const DELETE = { action: 'delete' } as const;
const keep = (reason: string) => ({ action: 'keep', reason }) as const;
/** A link to the member of staff who did something to a row that is not about them. */
const staff = (column: string): Link => ({ column, by: 'account', holds: 'column', erase: SET_NULL });

const SAFEGUARDING_KEPT =
  'A record of a possible child protection matter: kept whole, under its own retention period, and read only by designated safeguarding leads.';
const OUTBOX_ERASED = { action: 'anonymise', values: { recipient: 'erased', subject: 'empty', body: 'empty' } } as const;

export const PERSONAL_DATA = {
  // ── Kysely's own bookkeeping ────────────────────────────────────────────────────────────────────
  kysely_migration: { about: 'Which migrations have run.', tenancy: 'installation', key: ['name'], columns: { name: N, timestamp: N } },
  kysely_migration_lock: { about: 'The lock that stops two instances migrating at once.', tenancy: 'installation', key: ['id'], columns: { id: N, is_locked: N } },

  // ── Foundation ──────────────────────────────────────────────────────────────────────────────────
  installation_secret: { about: 'Installation secrets (the app role password, the cookie secret).', tenancy: 'installation', key: ['name'], columns: { name: N, value: N, created_at: N } },
  area: {
    about: 'The area (tenant) and its settings.',
    tenancy: 'area',
    key: ['id'],
    columns: {
      id: N, slug: N, name: N, brand_colour: N, contact_email: P, is_demo: N, feedback_weeks: N, created_at: N, public_version: N,
      min_notice_days: N, school_day_starts: N, school_day_ends: N, drop_off_starts: N, drop_off_ends: N, pick_up_starts: N, pick_up_ends: N,
      publish_needs_approval: N,
      logo_picture_id: N,
    },
    links: [{ column: 'contact_email', by: 'email', holds: 'column', erase: keep("The area's public contact address: an area admin changes it in the area's settings.") }],
  },
  account: {
    about: 'Accounts: installation-wide, one per email address.',
    tenancy: 'installation',
    key: ['id'],
    columns: { id: P, email: P, display_name: P, password_hash: P, is_operator: N, created_at: N, disabled_at: N },
    links: [
      // Only when the account belongs to no other area and is not an operator (see data-rights.service.ts):
      // otherwise it stays, and only this area's data goes. Anonymised rather than deleted: the app role
      // may not delete accounts, and the audit log keeps an account to point at ("Erased account did …").
      { column: 'id', by: 'account', holds: 'row', erase: { action: 'anonymise', values: { email: 'erased_email', display_name: 'erased_name', password_hash: 'null', disabled_at: 'now' } } },
    ],
    withheld: { password_hash: 'A one-way hash of their password: of no use to them, and a risk if the download went astray.' },
  },
  session: {
    about: 'Signed-in sessions (only a hash of the cookie is stored).',
    tenancy: 'installation',
    key: ['id_hash'],
    columns: { id_hash: P, account_id: P, created_at: N, last_seen_at: N, user_agent: P },
    links: [{ column: 'account_id', by: 'account', holds: 'row', erase: DELETE }],
    withheld: { id_hash: 'A hash of the secret in their sign-in cookie: of no use to them, and a risk if the download went astray.' },
  },
  security_event: {
    about: 'Sign-in successes and failures; failures drive the sign-in limits.',
    tenancy: 'installation',
    key: ['id'],
    columns: { id: P, kind: N, account_id: P, email: P, ip: P, at: N },
    links: [
      { column: 'account_id', by: 'account', holds: 'row', erase: keep('The sign-in log is append-only for the app role (it may add and read, never change or delete), so nobody can hide a break-in. No retention rule covers it yet, and erasure cannot reach it without a grant or a SECURITY DEFINER function (decision 0012).') },
      { column: 'email', by: 'email', holds: 'row', erase: keep('As above: append-only for the app role.') },
    ],
  },
  one_time_token: {
    about: 'Single-use links sent by email (password reset, magic sign-in); only hashes are stored.',
    tenancy: 'installation',
    key: ['token_hash'],
    columns: { token_hash: P, purpose: N, account_id: P, expires_at: N, used_at: N, created_at: N },
    links: [{ column: 'account_id', by: 'account', holds: 'row', erase: DELETE }],
    withheld: { token_hash: 'A hash of the secret in the link: of no use to them, and a risk if the download went astray.' },
  },
  outbox_message: {
    about: 'Every message Chorus sent, whatever the transport.',
    tenancy: 'area_slug',
    key: ['id'],
    columns: { id: P, area_slug: N, channel: N, recipient: P, subject: P, body: P, transport: N, created_at: N, sent_at: N },
    links: [
      { column: 'recipient', by: 'email', holds: 'row', erase: OUTBOX_ERASED },
      { column: 'recipient', by: 'phone', holds: 'row', erase: OUTBOX_ERASED },
      // A notice quotes the person's receipt code, and may have gone to the person who helped them.
      { column: 'body', by: 'receipt_code_in_text', holds: 'row', erase: OUTBOX_ERASED },
      { column: 'recipient', by: 'given_address', holds: 'row', erase: OUTBOX_ERASED },
    ],
    context: ['channel'],
  },
  organisation: { about: "The area's member organisations.", tenancy: 'area_id', key: ['id'], columns: { id: N, area_id: N, name: N, kind: N, created_at: N } },
  area_membership: {
    about: 'Who has which role in which area.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: P, area_id: N, account_id: P, role: P, organisation_id: P, created_at: N },
    links: [{ column: 'account_id', by: 'account', holds: 'row', erase: DELETE }],
  },
  invitation: {
    about: 'Invitations to join an area.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: P, area_id: N, email: P, display_name: P, role: P, organisation_id: P, token_hash: P, invited_by: P, expires_at: N, accepted_at: N, created_at: N },
    links: [{ column: 'email', by: 'email', holds: 'row', erase: DELETE }, staff('invited_by')],
    withheld: { token_hash: 'A hash of the secret in the invitation link: of no use to them.' },
  },
  audit_event: {
    about: "The area's audit log: append-only for the app role.",
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, actor_account_id: P, action: N, subject_type: N, subject_id: P, detail: P, at: N },
    links: [
      { column: 'actor_account_id', by: 'account', holds: 'column', erase: keep(`The audit log is append-only for the app role. ${KEPT_STAFF_RECORD}`) },
      { column: 'subject_id', by: 'account', holds: 'column', text: true, erase: keep('The audit log is append-only; the id points at nothing once the row is erased.') },
      { column: 'subject_id', by: 'response', holds: 'column', text: true, erase: keep('As above.') },
      { column: 'subject_id', by: 'contribution', holds: 'column', text: true, erase: keep('As above.') },
    ],
    untouched: { detail: 'Kinds and counts of what was done, by rule never what anybody wrote or their address (audit-labels.test.ts, the data-rights tests).' },
    context: ['action', 'subject_type'],
  },
  charter: {
    about: "The area's co-production charter.",
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, template_key: N, title: N, introduction: N, easy_read_introduction: N, source_note: N, version: N, updated_at: N },
  },
  charter_principle: {
    about: "The charter's principles.",
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, charter_id: N, position: N, title: N, description: N, easy_read: N, symbol: N },
  },
  charter_commitment: { about: 'What each party commits to.', tenancy: 'area_id', key: ['id'], columns: { id: N, area_id: N, principle_id: N, position: N, party: N, text: N } },
  charter_signature: {
    about: 'Organisations that signed the charter, and who signed for them.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, organisation_id: N, signed_by_name: P, signed_by_role: P, signed_on: N, recorded_by: P, created_at: N },
    links: [staff('recorded_by')],
    untouched: {
      signed_by_name: 'A public record of an organisation signing the charter, found by name only: an admin withdraws or corrects it on the charter page.',
      signed_by_role: 'As above.',
    },
  },
  forum: {
    about: "The area's forums.",
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, name: N, audience: N, description: N, easy_read: N, meets: N, position: N },
  },
  board: { about: "The area's boards.", tenancy: 'area_id', key: ['id'], columns: { id: N, area_id: N, name: N, description: N, position: N } },
  forum_board: { about: 'Which forum reports to which board.', tenancy: 'area_id', key: ['area_id', 'forum_id', 'board_id'], columns: { area_id: N, forum_id: N, board_id: N } },

  // ── Activities ──────────────────────────────────────────────────────────────────────────────────
  term_date: { about: 'School terms.', tenancy: 'area_id', key: ['id'], columns: { id: N, area_id: N, name: N, starts_on: N, ends_on: N, created_at: N } },
  activity: {
    about: 'Co-production activities.',
    tenancy: 'area_id',
    key: ['id'],
    columns: {
      id: N, area_id: N, organisation_id: N, title: N, purpose: N, easy_read_purpose: N, type: N, level: N, stage: N, services: N, audience: N,
      age_bands: N, starts_at: N, ends_at: N, venue_kind: N, venue_name: N, venue_address: P, joining_instructions: N, venue_access_recorded: N,
      venue_access: N, questions_shared: N, adjustments_offered: N, interpreter_languages: N, ground_rules: N, contact_name: P, contact_email: P,
      contact_phone: P, status: N, children_mode: N, version: N, created_by: P, created_at: N, updated_at: N, opened_at: N, closed_at: N, closing_reminder_sent_at: N,
      // Evaluation (issue 13, ladders): the planned level and who will decide (a board or a role, never a person's name).
      planned_rung: N, planned_rung_name: N, planned_level: N, decided_by_board_id: N, decided_by_role: N,
    },
    links: [
      { column: 'contact_email', by: 'email', holds: 'column', erase: keep("The activity's named contact is shown to the people taking part: a lead changes it on the activity page.") },
      { column: 'contact_phone', by: 'phone', holds: 'column', erase: keep('As above.') },
      staff('created_by'),
    ],
    untouched: {
      contact_name: "Shown with the contact's email address: a lead changes it on the activity page.",
      venue_address: "Where an activity happens, found by address only: for a meeting at someone's home a lead edits the activity.",
    },
    context: ['title'],
  },
  planning_check: {
    about: 'The planning checks of each activity.',
    tenancy: 'area_id',
    key: ['activity_id', 'check_key'],
    columns: { area_id: N, activity_id: N, check_key: N, result: N, detail: N, checked_at: N },
  },
  activity_signup: {
    about: 'Sign-ups to timed activities.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: P, area_id: N, activity_id: N, account_id: P, name: P, email: P, phone: P, people: P, idempotency_key: N, created_at: N, cancelled_at: N, cancel_token_hash: P },
    links: [
      { column: 'id', by: 'signup', holds: 'row', erase: DELETE },
      { column: 'account_id', by: 'account', holds: 'row', erase: DELETE },
      { column: 'email', by: 'email', holds: 'row', erase: DELETE },
      { column: 'phone', by: 'phone', holds: 'row', erase: DELETE },
    ],
    withheld: { cancel_token_hash: 'A hash of the secret in the emailed link to cancel the place: of no use to them.' },
    context: ['activity_id'],
  },

  // ── Surveys ─────────────────────────────────────────────────────────────────────────────────────
  question: {
    about: "Survey questions.",
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, activity_id: N, position: N, type: N, text: N, easy_read: N, hint: N, required: N, settings: N, show_if_question_id: N, show_if_option_id: N, created_at: N },
  },
  question_option: {
    about: 'The options of a question.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, question_id: N, position: N, label: N, easy_read: N, symbol: N, alt_text: N },
  },
  response: {
    about: 'Survey responses: anonymous, signed in or supported, with the optional equality questions.',
    tenancy: 'area_id',
    key: ['id'],
    columns: {
      id: P, area_id: N, activity_id: N, mode: P, account_id: P, supporter_relationship: P, supporter_relationship_other: P, support_methods: P,
      supporter_account_id: P, status: N, access_token_hash: P, resume_code_hash: P, idempotency_key: N, receipt_code: P, anything_else: P,
      age_band: P, sex: P, ethnicity: P, need_type: P, support_level: P, language: P, started_at: N, updated_at: N, submitted_at: N,
      // 'survey' or 'live' (a live session's participant: issue 15).
      channel: N,
    },
    links: [
      { column: 'id', by: 'response', holds: 'row', erase: DELETE },
      { column: 'account_id', by: 'account', holds: 'row', erase: DELETE },
      { column: 'receipt_code', by: 'receipt_code', holds: 'row', erase: DELETE },
      // The person who helped someone else answer: the answers are the other person's.
      { column: 'supporter_account_id', by: 'account', holds: 'column', erase: SET_NULL },
    ],
    withheld: {
      access_token_hash: "A hash of the secret in the answering browser's cookie: of no use to them.",
      resume_code_hash: 'A hash of the code to carry on answering later: of no use to them.',
    },
    context: ['activity_id', 'status'],
  },
  answer: {
    about: 'The answers of a response.',
    tenancy: 'area_id',
    key: ['response_id', 'question_id'],
    columns: { area_id: N, response_id: P, question_id: N, value: P, declined: P, updated_at: N },
    links: [{ column: 'response_id', by: 'response', holds: 'row', erase: DELETE }],
  },
  // Created with the activities, listed here: it points at a response as well as a sign-up.
  adjustment_request: {
    about: 'What a participant asked for so they can take part.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: P, area_id: N, activity_id: N, signup_id: P, response_id: P, adjustments: P, details: P, contact: P, status: N, created_at: N },
    links: [
      { column: 'signup_id', by: 'signup', holds: 'row', erase: DELETE },
      { column: 'response_id', by: 'response', holds: 'row', erase: DELETE },
      { column: 'contact', by: 'email', holds: 'row', erase: DELETE },
      { column: 'contact', by: 'phone', holds: 'row', erase: DELETE },
    ],
    context: ['activity_id', 'status'],
  },

  // ── Live sessions (issue 15) ────────────────────────────────────────────────────────────────────
  // Listed before the contributions, which point at a session and its steps. A participant is found
  // through their 'live' response (its receipt code, or the address they gave to hear back); their
  // answers, notes and dots through the participant. Erasing them deletes all of it.
  live_session: {
    about: 'A live session of an activity, run by staff: its title, join code and state.',
    tenancy: 'area_id',
    key: ['id'],
    columns: {
      id: N, area_id: N, activity_id: N, title: N, join_code: N, status: N, moderation: N, current_interaction_id: N, event_seq: N, version: N, created_by: P,
      created_at: N, started_at: N, ended_at: N, contributions_made_at: N,
    },
    links: [staff('created_by')],
  },
  live_join_code: {
    about: 'Which session a typed join code opens.',
    tenancy: 'area_id',
    key: ['code'],
    columns: { code: N, area_id: N, session_id: N },
  },
  live_interaction: {
    about: 'The steps of a live session (a poll, a word cloud, a board…), written by staff, with the frozen tally (counts) once closed.',
    tenancy: 'area_id',
    key: ['id'],
    columns: {
      id: N, area_id: N, session_id: N, position: N, kind: N, prompt: N, symbol: N, settings: N, results_hidden: N, revealed_at: N, state: N, closed_at: N,
      frozen_tally: N, version: N, created_at: N,
    },
  },
  live_participant: {
    about: 'Someone who joined a live session (or answered for a small group), with the nickname they chose.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: P, area_id: N, session_id: N, token_hash: P, response_id: P, nickname: P, group_size: P, rules_agreed_at: N, joined_at: N },
    links: [
      { column: 'response_id', by: 'response', holds: 'row', erase: DELETE },
      { column: 'id', by: 'live_participant', holds: 'row', erase: DELETE },
    ],
    withheld: { token_hash: "A hash of the secret in the participant's cookie: of no use to them." },
    context: ['session_id'],
  },
  live_answer: {
    about: "A participant's answer to a poll, word cloud, scale or ranking.",
    tenancy: 'area_id',
    key: ['interaction_id', 'participant_id'],
    columns: { area_id: N, interaction_id: N, participant_id: P, value: P, shown_text: P, held: P, created_at: N, updated_at: N },
    links: [{ column: 'participant_id', by: 'live_participant', holds: 'row', erase: DELETE }],
    withheld: { held: 'Whether the words are held for a safeguarding lead: the lead decides what is shared.' },
  },
  live_cluster: {
    about: "A titled group of notes on a live session's board, made by the facilitator.",
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, interaction_id: N, title: N, column_key: N, position: N, created_at: N },
  },
  live_post: {
    about: 'What a participant wrote in a live session (an open answer, a question, a sticky note), as written and as shown.',
    tenancy: 'area_id',
    key: ['id'],
    columns: {
      id: P, area_id: N, interaction_id: N, participant_id: P, kind: N, original_text: P, shown_text: P, symbol: P, colour: N, column_key: N, cluster_id: N, position: N,
      status: P, flags: P, moderated_by: P, moderated_at: N, hidden_reason: P, client_key: N, version: N, created_at: N, updated_at: N,
    },
    links: [{ column: 'participant_id', by: 'live_participant', holds: 'row', erase: DELETE }, staff('moderated_by')],
    withheld: {
      status: 'Whether the words are held for a safeguarding lead: the lead decides what is shared.',
      flags: 'Why the words waited or were held (safeguarding among them): the lead decides what is shared.',
    },
    context: ['interaction_id', 'kind'],
  },
  live_vote: {
    about: 'An upvote or a dot a participant gave a question or note.',
    tenancy: 'area_id',
    key: ['post_id', 'participant_id'],
    columns: { area_id: N, post_id: N, participant_id: P, created_at: N },
    links: [{ column: 'participant_id', by: 'live_participant', holds: 'row', erase: DELETE }],
  },
  live_event: {
    about: "What changed in a live session, in order, for the screens (and for a screen that reconnects to catch up).",
    tenancy: 'area_id',
    key: ['session_id', 'seq'],
    columns: { area_id: N, session_id: N, seq: N, kind: N, audience: N, payload: P, created_at: N },
    untouched: {
      payload:
        "A shown note's screened words (personal details removed, never a nickname or receipt code) as the room saw them, kept with the session's log so a screen can catch up. Nothing in it leads to the person once their notes are erased, and the log goes with its session.",
    },
  },

  // ── Contributions ───────────────────────────────────────────────────────────────────────────────
  contribution: {
    about: 'Every view, in one place: the words as written and as redacted.',
    tenancy: 'area_id',
    key: ['id'],
    columns: {
      id: P, area_id: N, activity_id: N, question_id: N, response_id: P, account_id: P, supporter_relationship: P, receipt_code: P, source: N,
      original_text: P, redacted_text: P, needs_review: N, hidden_at: N, hidden_reason: P, hidden_by: P, safeguarding_hold: P, redaction_version: N, created_at: N,
      original_deleted_at: N,
      // Where it came from (issue 15): a survey or a live session, which session and step, and which answer or note ('post:<id>').
      channel: N, live_session_id: N, live_interaction_id: N, live_key: N,
      // Issue 16: which debrief or finding a 'panel' or 'inspection' contribution came from ('debrief:<member id>').
      source_key: N,
    },
    links: [
      { column: 'id', by: 'contribution', holds: 'row', erase: DELETE },
      { column: 'response_id', by: 'response', holds: 'row', erase: DELETE },
      { column: 'account_id', by: 'account', holds: 'row', erase: DELETE },
      { column: 'receipt_code', by: 'receipt_code', holds: 'row', erase: DELETE },
      staff('hidden_by'),
    ],
    withheld: { safeguarding_hold: 'Whether the words are held for a safeguarding lead: held words are never in a download (the lead decides what is shared).' },
    context: ['activity_id', 'question_id', 'source'],
  },
  redaction: {
    about: 'Each span removed from a contribution.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, contribution_id: P, start_offset: N, end_offset: N, kind: N, method: N, undone_at: N, undone_by: P, created_by: P, created_at: N, confirmed_at: N, confirmed_by: P },
    links: [{ column: 'contribution_id', by: 'contribution', holds: 'row', erase: DELETE }, staff('undone_by'), staff('created_by'), staff('confirmed_by')],
    context: ['kind', 'method'],
  },
  redaction_term: {
    about: "The area's own lists of names, schools and places to redact.",
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, kind: N, term: P, created_at: N },
    untouched: { term: 'Names a lead asked Chorus to hide from views, found by name only: removing one would let that name show again.' },
  },

  // ── You said, we did ────────────────────────────────────────────────────────────────────────────
  theme: {
    about: 'Themes ("you said").',
    tenancy: 'area_id',
    key: ['id'],
    columns: {
      id: N, area_id: N, title: N, summary: N, easy_read_summary: N, symbol: N, symbol_alt: N, cited_question_id: N, citation: N, version: N,
      created_by: P, created_at: N, updated_at: N,
    },
    links: [staff('created_by')],
    context: ['title'],
  },
  theme_contribution: {
    about: 'Which theme a contribution is in, and whether it is quoted.',
    tenancy: 'area_id',
    key: ['contribution_id'],
    columns: { area_id: N, contribution_id: P, theme_id: N, is_quote: P, added_by: P, added_at: N },
    links: [{ column: 'contribution_id', by: 'contribution', holds: 'row', erase: DELETE }, staff('added_by')],
    context: ['theme_id'],
  },
  theme_response: {
    about: 'Responses to themes ("we did") and the copy the public saw at the last publication.',
    tenancy: 'area_id',
    key: ['id'],
    columns: {
      id: N, area_id: N, theme_id: N, status: N, reason: N, what_changed: N, what_changed_easy_read: N, decided_by_board_id: N, decided_by_role: N,
      owner_account_id: P, decided_on: N, due_on: N, done_on: N, evidence_links: N, stage: N, version: N, first_published_at: N, published_at: N,
      published_version: N, published_content: P, published_services: N, published_activity_ids: N, updated_by: P, created_at: N, updated_at: N,
      quote_withdrawn_at: N, approved_version: N, approved_by: P, approved_at: N,
    },
    links: [
      staff('owner_account_id'),
      staff('updated_by'),
      staff('approved_by'),
      // The frozen copy quotes the redacted words of contributions a lead chose. Its count of
      // contributions is history and stays; the words leave now, and quote_withdrawn_at asks the leads
      // to publish again (the next publication rebuilds the quotes from the contributions that remain).
      { column: 'published_content', by: 'quoted_contribution', holds: 'column', erase: { action: 'withdraw_quotes' } },
    ],
    context: ['theme_id'],
  },
  theme_response_version: {
    about: 'Every saved version of a response to a theme.',
    tenancy: 'area_id',
    key: ['theme_response_id', 'version'],
    columns: { area_id: N, theme_response_id: N, version: N, content: P, stage: N, changed_by: P, changed_at: N },
    links: [
      staff('changed_by'),
      { column: 'content', by: 'account', jsonKey: 'ownerAccountId', holds: 'column', erase: keep(`The saved history of a response; the owner's id is inside it. ${KEPT_STAFF_RECORD}`) },
    ],
  },
  feedback_contact: {
    about: 'How the person who gave a response wants to hear what happened.',
    tenancy: 'area_id',
    key: ['response_id'],
    columns: { area_id: N, response_id: P, channel: P, address: P, format: P, language: P, created_at: N, updated_at: N },
    links: [
      { column: 'response_id', by: 'response', holds: 'row', erase: DELETE },
      // Also the address of someone who helped: that way of hearing back goes; their receipt code still works.
      { column: 'address', by: 'email', holds: 'row', erase: DELETE },
      { column: 'address', by: 'phone', holds: 'row', erase: DELETE },
    ],
    // The messages sent to the address they chose are theirs. A supporter's address is the supporter's:
    // messages to it about this person are found by the receipt code they quote.
    gives: { column: 'address', when: { column: 'channel', in: ['email', 'sms'] } },
  },
  feedback_notice: {
    about: 'The notices written when a response is published, one per person.',
    tenancy: 'area_id',
    key: ['id'],
    columns: {
      id: P, area_id: N, theme_response_id: N, response_id: P, recipient_key: P, channel: P, subject: P, body: P, status: N, attempts: N,
      last_error: N, provider_reference: P, created_at: N, claimed_at: N, sent_at: N,
    },
    links: [
      { column: 'response_id', by: 'response', holds: 'row', erase: DELETE },
      { column: 'recipient_key', by: 'account_key', holds: 'row', erase: DELETE },
    ],
    context: ['status'],
  },
  queued_message: {
    about: 'Single messages waiting to be sent, such as a receipt code by email. Once sent (or finally refused), who it went to and what it said are wiped.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, response_id: P, purpose: N, channel: N, recipient: P, subject: P, body: P, status: N, attempts: N, last_error: N, created_at: N, claimed_at: N, sent_at: N },
    links: [
      { column: 'response_id', by: 'response', holds: 'row', erase: DELETE },
      { column: 'recipient', by: 'email', holds: 'row', erase: DELETE },
      { column: 'recipient', by: 'given_address', holds: 'row', erase: DELETE },
      // The receipt email quotes the person's receipt code.
      { column: 'body', by: 'receipt_code_in_text', holds: 'row', erase: DELETE },
    ],
    context: ['purpose', 'channel', 'status'],
  },
  listened_rating: {
    about: '"Do you feel listened to?"',
    tenancy: 'area_id',
    key: ['response_id'],
    columns: { area_id: N, response_id: P, activity_id: N, rating: P, created_at: N, updated_at: N },
    links: [{ column: 'response_id', by: 'response', holds: 'row', erase: DELETE }],
    context: ['activity_id'],
  },
  area_notification_setting: {
    about: 'How an area sends email and text messages.',
    tenancy: 'area_id',
    key: ['area_id'],
    columns: {
      area_id: N, transport: N, notify_api_key_encrypted: N, notify_email_template_id: N, notify_sms_template_id: N, smtp_host: N, smtp_port: N,
      smtp_secure: N, smtp_user: P, smtp_password_encrypted: N, email_from: P, version: N, updated_by: P, updated_at: N,
    },
    links: [
      { column: 'email_from', by: 'email', holds: 'column', erase: keep("The area's sending settings: an area admin changes them on the settings page.") },
      { column: 'smtp_user', by: 'email', holds: 'column', erase: keep('As above.') },
      staff('updated_by'),
    ],
  },
  scheduled_job: {
    about: 'Jobs every instance shares.',
    tenancy: 'installation',
    key: ['name'],
    columns: { name: N, next_run_at: N, last_started_at: N, last_finished_at: N, last_error: N, runs: N },
  },

  // ── Safeguarding and data rights ────────────────────────────────────────────────────────────────
  safeguarding_concern: {
    about: 'Possible disclosures of harm: readable only by designated safeguarding leads.',
    tenancy: 'area_id',
    key: ['id'],
    columns: {
      id: P, area_id: N, origin: N, channel: N, source_key: P, activity_id: N, response_id: P, contribution_id: P, disclosed_text: P, severity: P,
      categories: P, rule_ids: N, context: P, raised_by: P, raised_reason: P, created_at: N, first_reviewed_at: N, first_reviewed_by: P,
      decision: P, decision_note: P, decided_at: N, decided_by: P, closed_at: N, reminded_at: N, version: N,
    },
    links: [
      // Unlinked, not removed: the foreign keys are ON DELETE SET NULL, so erasing the response or
      // contribution unlinks the concern; the concern keeps its own copy of the words.
      { column: 'response_id', by: 'response', holds: 'column', erase: SET_NULL },
      { column: 'contribution_id', by: 'contribution', holds: 'column', erase: SET_NULL },
      { column: 'raised_by', by: 'account', holds: 'column', erase: keep(`${SAFEGUARDING_KEPT} ${KEPT_STAFF_RECORD}`) },
      { column: 'first_reviewed_by', by: 'account', holds: 'column', erase: keep(`${SAFEGUARDING_KEPT} ${KEPT_STAFF_RECORD}`) },
      { column: 'decided_by', by: 'account', holds: 'column', erase: keep(`${SAFEGUARDING_KEPT} ${KEPT_STAFF_RECORD}`) },
    ],
    untouched: {
      id: SAFEGUARDING_KEPT,
      source_key: `${SAFEGUARDING_KEPT} It names the answer by its response id, which points at nothing once the response is erased.`,
      disclosed_text: SAFEGUARDING_KEPT,
      severity: SAFEGUARDING_KEPT,
      categories: SAFEGUARDING_KEPT,
      context: `${SAFEGUARDING_KEPT} It holds the receipt code and who helped, as they were when it was raised.`,
      raised_reason: SAFEGUARDING_KEPT,
      decision: SAFEGUARDING_KEPT,
      decision_note: SAFEGUARDING_KEPT,
    },
    notInDownload: 'Only designated safeguarding leads read these (row-level security); they decide what can be shared. The results page counts them.',
  },
  safeguarding_action: {
    about: 'What a safeguarding lead did about a concern.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: P, area_id: N, concern_id: P, taken_on: N, description: P, recorded_by: P, created_at: N },
    links: [{ column: 'recorded_by', by: 'account', holds: 'column', erase: keep(`${SAFEGUARDING_KEPT} ${KEPT_STAFF_RECORD}`) }],
    untouched: { id: SAFEGUARDING_KEPT, concern_id: SAFEGUARDING_KEPT, description: SAFEGUARDING_KEPT },
    notInDownload: 'Part of a safeguarding record: only designated safeguarding leads read it, and they decide what can be shared.',
  },
  safeguarding_alert: {
    about: 'Each alert about a concern to each safeguarding lead or admin (never the words).',
    tenancy: 'area_id',
    key: ['id'],
    columns: {
      id: N, area_id: N, concern_id: N, kind: N, account_id: P, channel: N, recipient_role: N, status: N, attempts: N, last_error: N, created_at: N,
      claimed_at: N, sent_at: N,
    },
    links: [{ column: 'account_id', by: 'account', holds: 'column', erase: keep(`Who was told about a possible child protection matter, and when: part of the safeguarding record. ${KEPT_STAFF_RECORD}`) }],
    context: ['kind', 'channel'],
  },
  safeguarding_phrase: {
    about: "The area's own words to look for in free text.",
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, phrase: N, category: N, severity: N, created_by: P, created_at: N },
    links: [staff('created_by')],
  },
  safeguarding_contact: {
    about: "A safeguarding lead's mobile number for text alerts.",
    tenancy: 'area_id',
    key: ['area_id', 'account_id'],
    columns: { area_id: N, account_id: P, mobile: P, updated_at: N },
    links: [
      { column: 'account_id', by: 'account', holds: 'row', erase: DELETE },
      { column: 'mobile', by: 'phone', holds: 'row', erase: DELETE },
    ],
  },
  retention_setting: {
    about: "An area's own retention periods.",
    tenancy: 'area_id',
    key: ['area_id', 'kind'],
    columns: { area_id: N, kind: N, period_days: N, updated_by: P, updated_at: N },
    links: [staff('updated_by')],
  },
  retention_run: {
    about: 'What each run of the retention job removed (counts).',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, kind: N, cutoff: N, removed: N, ran_at: N },
  },
  consent_record: {
    about: 'What a person agreed to, when and by whom.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: P, area_id: N, account_id: P, response_id: P, kind: P, agreed: P, notice_version: N, given_by: P, recorded_at: N },
    links: [
      { column: 'account_id', by: 'account', holds: 'row', erase: DELETE },
      { column: 'response_id', by: 'response', holds: 'row', erase: DELETE },
    ],
  },

  // ── Guessing limits (2026-12-04T2330) ───────────────────────────────────────────────────────────
  rate_limit_hit: {
    about: 'How many requests a guessing limit has counted, per hashed key and window (plugins/rate-limit-store.ts).',
    tenancy: 'installation',
    key: ['key', 'window_start'],
    // key is not personal: it is an HMAC-SHA-256 of the limit's name and the internet address (keyed
    // with the installation's secret: plugins/security.ts), never the address itself (a CHECK allows
    // only 64 hex digits), so it cannot be read back to an address or a person; and a row is deleted
    // once it is two windows old (20 minutes for the longest limit). The rest are counts and times.
    columns: { key: N, window_start: N, count: N },
  },

  // ── An area's own pictures (2026-12-05T0340) ────────────────────────────────────────────────────
  area_picture: {
    about: "Photos a lead uploaded to use as symbols (the venue, the room, the minibus) and the area's logo, re-encoded with their metadata (camera, place) removed.",
    tenancy: 'area_id',
    key: ['id'],
    // A photo may show people, and its alt text may describe them: personal. Nothing links a picture
    // to a person (no uploader column; the audit log says who uploaded it), so no search finds it.
    columns: { id: N, area_id: N, purpose: N, alt_text: P, content_type: N, bytes: P, width: N, height: N, fingerprint: N, created_at: N },
    untouched: {
      bytes: 'A photo the area chose to show, found by nobody\'s name or address: a lead deletes it on the pictures page (the upload page asks for consent before anyone, and any child, is shown).',
      alt_text: 'The words for that photo: deleted with it.',
    },
  },

  // ── Evaluation (issue 13): ladders (2026-12-05T1000) ──
  ladder_variant: {
    about: "An area's own version of a ladder of participation (its wording of each rung).",
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, based_on: N, name: N, version: N, created_at: N, updated_at: N },
  },
  ladder_variant_rung: {
    about: "The rungs of an area's own ladder: name, meaning, order and the common level each maps to.",
    tenancy: 'area_id',
    key: ['area_id', 'variant_id', 'rung_id'],
    columns: { area_id: N, variant_id: N, rung_id: N, position: N, name: N, meaning: N, common_level: N, edited: N },
  },
  area_ladder: {
    about: 'Which ladder of participation the area uses (who chose it is in the audit log).',
    tenancy: 'area_id',
    key: ['area_id'],
    columns: { area_id: N, ladder_key: N, variant_id: N, chosen_at: N },
  },
  activity_level_rating: {
    about: "Staff's rating of the level an activity achieved on the ladder, with their reasons; every rating is kept.",
    tenancy: 'area_id',
    key: ['id'],
    // What staff wrote about an activity, not about a person; the rater's account id is personal.
    columns: { id: N, area_id: N, activity_id: N, rung_ref: N, rung_name: N, ladder_name: N, common_level: N, justification: N, rated_by: P, rated_at: N },
    links: [staff('rated_by')],
    context: ['activity_id'],
  },

  // ── Evaluation (issue 13): ratings (2026-12-05T1010) ──
  rating_scale_step: {
    about: "An area's own words, picture and common level for each answer of the participants' rating scale.",
    tenancy: 'area_id',
    key: ['area_id', 'step'],
    columns: { area_id: N, step: N, children_words: N, parent_carer_words: N, symbol: N, common_level: N, updated_by: P, updated_at: N },
    links: [staff('updated_by')],
  },
  rating_link: {
    about: 'A short code for people to rate an activity after a meeting (it lets them add a rating, nothing more).',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, activity_id: N, code: N, variant: N, created_by: P, created_at: N, closes_at: N, closed_at: N, closed_by: P },
    links: [staff('created_by'), staff('closed_by')],
  },
  participant_rating: {
    about: 'How much say a participant felt they had in an activity ("We decided together"): from a survey\'s thank-you page (tied to that response) or through a code (tied to nobody).',
    tenancy: 'area_id',
    key: ['id'],
    // Through a code nothing ties a rating to a person (no response, no account, no address, no cookie
    // value: the browser holds the row's id, the server nothing of the browser), so only a survey
    // response's rating is found, downloaded and erased with that response.
    columns: { id: N, area_id: N, activity_id: N, response_id: P, rating_link_id: N, step: P, common_level: P, variant: N, created_at: N, updated_at: N },
    links: [{ column: 'response_id', by: 'response', holds: 'row', erase: DELETE }],
    context: ['activity_id'],
  },

  // ── Evaluation (issue 13): lundy (2026-12-05T1020) ──
  lundy_setting: {
    about: 'Which Lundy checklist an area uses, and its own words for the questions.',
    tenancy: 'area_id',
    key: ['area_id'],
    columns: { area_id: N, template_id: N, wording: N, version: N, updated_by: P, updated_at: N },
    links: [staff('updated_by')],
  },
  lundy_answer: {
    about: 'Staff answers to the Lundy checklist of each activity, beside what Chorus proposed from its records.',
    tenancy: 'area_id',
    key: ['area_id', 'activity_id', 'template_id', 'item_id'],
    columns: { area_id: N, activity_id: N, template_id: N, item_id: N, proposed: N, proposed_reason: N, answer: N, note: N, answered_by: P, answered_at: N },
    links: [staff('answered_by')],
  },

  // ── Evaluation (issue 13): charter-assessment (2026-12-05T1030) ──
  charter_assessment_cycle: {
    about: "A year of the charter self-assessment: its deadline, whether it is open or closed, and the charter's title then.",
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, year: N, deadline_on: N, status: N, charter_title: N, opened_by: P, opened_at: N, closed_by: P, closed_at: N },
    links: [staff('opened_by'), staff('closed_by')],
  },
  charter_assessment_principle: {
    about: "The charter's principles as they stood when a year's self-assessment was opened.",
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, cycle_id: N, position: N, title: N, description: N, easy_read: N, symbol: N },
  },
  charter_assessment_statement: {
    about: "The charter's commitments as they stood when a year's self-assessment was opened.",
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, cycle_id: N, principle_id: N, position: N, text: N },
  },
  charter_self_assessment: {
    about: "One organisation's self-assessment in one year, and when (and by whom) it was marked finished.",
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, cycle_id: N, organisation_id: N, finished_at: N, finished_by: P },
    links: [staff('finished_by')],
  },
  charter_assessment_rating: {
    about: "An organisation's rating of itself against one commitment of the charter, its evidence and its action.",
    tenancy: 'area_id',
    key: ['id'],
    // What staff wrote about their organisation's services; the owner of an action may be a named person.
    columns: {
      id: N, area_id: N, cycle_id: N, organisation_id: N, statement_id: N, rating: N, evidence_url: N, evidence_activity_id: N, evidence_note: N,
      action_text: N, action_owner: P, action_due_on: N, updated_by: P, updated_at: N,
    },
    links: [staff('updated_by')],
    untouched: { action_owner: "Who is responsible for an action, as staff typed it (often a job title), found by name only: the organisation's staff or a lead change it on the self-assessment." },
  },
  charter_forum_rating: {
    about: "A forum's agreed rating of an organisation against one principle of the charter, recorded by a lead.",
    tenancy: 'area_id',
    key: ['id'],
    // The forum's agreed view of a service, not any one member's.
    columns: { id: N, area_id: N, cycle_id: N, forum_id: N, organisation_id: N, principle_id: N, rating: N, note: N, agreed_on: N, recorded_by: P, recorded_at: N },
    links: [staff('recorded_by')],
  },
  charter_assessment_reminder: {
    about: 'Reminders sent to organisations that had not finished their self-assessment (how many people, never who).',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, cycle_id: N, organisation_id: N, days_before: N, recipients: N, sent_at: N },
  },

  // ── Evaluation (issue 13): impact (2026-12-05T1040) ──
  impact_setting: {
    about: "An area's wording of the evaluation questions, when the impact check is asked again, and the key that links a person's checks.",
    tenancy: 'area_id',
    key: ['area_id'],
    columns: { area_id: N, link_key: N, question_wording: N, again_after_months: N, again_after_activities: N, updated_by: P, updated_at: N },
    links: [staff('updated_by')],
  },
  impact_change: {
    about: 'What staff say an activity or a published response changed (evaluation questions 1 and 2), with evidence.',
    tenancy: 'area_id',
    key: ['id'],
    columns: {
      id: N, area_id: N, activity_id: N, theme_response_id: N, did_differently: N, differently_evidence: N, impact_on_users: N, impact_evidence: N,
      recorded_by: P, recorded_at: N, updated_by: P, updated_at: N,
    },
    links: [staff('recorded_by'), staff('updated_by')],
  },
  impact_participant: {
    about: "The link between one person's impact checks: a keyed hash (HMAC-SHA-256 under the area's key) of their receipt code or account id, never the code, the id or a name.",
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: P, area_id: N, version: P, link_kind: N, link_hash: P, created_at: N },
    untouched: {
      id: 'Pseudonymous: it links a person\'s checks to each other and to nothing else.',
      version: 'Whether the child or the parent carer check was answered: part of the pseudonymous answers.',
      link_hash: 'A one-way keyed hash: no page shows it and no search can reverse it. Once the account or the response with that receipt code is erased, nothing can link it to anyone, so the answers are anonymous totals.',
    },
    notInDownload: 'Pseudonymous answers found by no search: a person answering with a receipt code or an account is never stored by either.',
  },
  impact_check: {
    about: "One person's answers to the participant impact check (how they feel about taking part), shown to staff only as totals.",
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, participant_id: P, round: N, answers: P, answered_at: N },
    untouched: {
      participant_id: 'Pseudonymous, as impact_participant.',
      answers: 'Pseudonymous answers, shown only as totals of 8 or more pairs; anonymous once the account or response they were linked by is erased.',
    },
    notInDownload: 'As impact_participant.',
  },

  // ── Evaluation (issue 13): representation (2026-12-05T1050) ──
  population_import: {
    about: 'A dated import of population figures (counts of children and young people by group) and where they came from.',
    tenancy: 'area_id',
    key: ['id'],
    // Counts of groups, a date, a source and a file name typed or chosen by staff: about services, not people.
    columns: { id: N, area_id: N, as_at: N, source: N, method: N, file_name: N, row_count: N, imported_by: P, imported_at: N },
    links: [staff('imported_by')],
  },
  population_count: {
    about: 'One population count: how many children and young people the services serve in one group (for example female, or autism).',
    tenancy: 'area_id',
    key: ['id'],
    // Counts of groups of people as published statistics give them, never about anyone in particular.
    columns: { id: N, area_id: N, import_id: N, organisation_id: N, characteristic: N, value: N, count: N },
  },

  // ── Reports (issue 14): 2026-12-05T1100 ──
  report: {
    about: 'A report to a board (or a local account summary, or the reg. 56 annual publication): its details, where it stands, and its frozen copy once published.',
    tenancy: 'area_id',
    key: ['id'],
    // The title, audience, authors (organisations and forums, as the area writes them) and scope are
    // about services. The frozen copy holds counts (1 to 7 hidden), quotes already redacted and
    // published, and commentary credited to forums: never a name or an account id.
    columns: {
      id: N, area_id: N, kind: N, title: N, audience_board_id: N, audience_text: N, authors: N, scope_kind: N, scope_organisation_id: N, scope_service: N,
      period_from: N, period_to: N, status: N, version: N, edition: N, previous_report_id: N, created_by: P, created_at: N, updated_by: P, updated_at: N,
      approved_by: P, approved_at: N, published_by: P, published_at: N, snapshot: N,
    },
    links: [staff('created_by'), staff('updated_by'), staff('approved_by'), staff('published_by')],
  },
  report_part: {
    about: 'One part of a report: a section Chorus fills from its records, or a part the authors or a forum write, with their commentary.',
    tenancy: 'area_id',
    key: ['id'],
    // The commentary is written for publication on behalf of a forum or the report's authors, about
    // services; the person given the part to write is a link to their account, set to NULL on erasure.
    columns: {
      id: N, area_id: N, report_id: N, kind: N, section_key: N, title: N, commentary: N, forum_id: N, writer_account_id: P, position: N, version: N,
      created_at: N, updated_by: P, updated_at: N,
    },
    links: [staff('writer_account_id'), staff('updated_by')],
  },
  report_event: {
    about: 'What happened to a report and who did it: made, sent for review, approved, sent back (with the reason), published, made again as a new version.',
    tenancy: 'area_id',
    key: ['id'],
    // The note is a part's title or the reason staff gave for sending a report back: about the report.
    columns: { id: N, area_id: N, report_id: N, action: N, note: N, actor_account_id: P, at: N },
    links: [staff('actor_account_id')],
  },
  // ── Panels (issue 16): setup, members, questions, scoring ──
  // A member with an account (staff, a parent carer) is found through it; their sessions, scores,
  // debrief and time given through the membership. Erasing them deletes all of it: the panel's
  // decision and its reasons stay (staff's words), but no longer count their scores. A young person
  // who signs in only with a personal code has no finder: nothing on a data-rights search (an email
  // address, a phone number, a receipt code) leads to them. Staff find and remove them on the panel's
  // members page (removing ends their sessions; the row keeps only what the panel's record needs).
  panel: {
    about: 'A panel of an activity (an interview panel, a grant round or young inspectors), set up by staff: its purpose, weights, pot and decision.',
    tenancy: 'area_id',
    key: ['id'],
    columns: {
      id: N, area_id: N, activity_id: N, kind: N, title: N, purpose: N, youth_weight: N, scale: N, pot_pence: N, closes_at: N, status: N, decision_summary: N,
      decided_at: N, decided_by: P, version: N, created_by: P, created_at: N,
    },
    links: [staff('decided_by'), staff('created_by')],
  },
  panel_member: {
    about:
      "A member of a panel (a young person, a parent carer, staff) with their checklist. Found by their account; a young person known only by a personal code has no finder (no email address, phone number or receipt code leads to them): staff remove them from the panel's members page.",
    tenancy: 'area_id',
    key: ['id'],
    columns: {
      id: P, area_id: N, panel_id: N, member_kind: P, account_id: P, display_name: P, age_band: P, code_hash: P, sees_names: P, training_done_at: N, consent_at: N,
      parental_consent_at: N, parental_consent_by: P, parental_consent_note: P, conflict: P, conflict_declared_at: N, rules_agreed_at: N, removed_at: N, created_at: N,
    },
    links: [
      { column: 'account_id', by: 'account', holds: 'row', erase: DELETE },
      { column: 'id', by: 'panel_member', holds: 'row', erase: DELETE },
      staff('parental_consent_by'),
    ],
    withheld: { code_hash: 'A hash of their personal code: of no use to them, and members with an account have none.' },
    context: ['panel_id'],
  },
  panel_member_session: {
    about: 'A browser a young person signed in on with their personal code: a hash of its secret and when it ends.',
    tenancy: 'area_id',
    key: ['token_hash'],
    columns: { token_hash: P, area_id: N, member_id: P, expires_at: N, created_at: N },
    links: [{ column: 'member_id', by: 'panel_member', holds: 'row', erase: DELETE }],
    withheld: { token_hash: "A hash of the secret in the browser's cookie: of no use to them." },
  },
  panel_candidate: {
    about: 'A person interviewed (named by staff) or a grant application once sent, with its label and the decision about them.',
    tenancy: 'area_id',
    key: ['id'],
    columns: {
      id: N, area_id: N, panel_id: N, label: N, name: P, position: N, withdrawn_at: N, outcome: P, outcome_reason: P, feedback: P, award_pence: N, decided_at: N,
      feedback_sent_at: N, created_at: N,
    },
    untouched: {
      name: 'A candidate for a post, named by staff: they have no account, address or code here, so no search finds them. Staff change or remove the name on the candidate page; a grant application is erased through its applicant.',
      outcome: 'The decision about a candidate, kept with the panel record that staff answer for.',
      outcome_reason: 'Staff words on why the panel decided as it did, kept with the panel record.',
      feedback: "Feedback drawn from the panel for the candidate, written by staff, kept with the panel record.",
    },
  },
  panel_question: {
    about: 'A question the youth members drafted and chose together, with what a good answer looks like.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, panel_id: N, text: P, good_answer: P, symbol: N, status: N, proposed_by: P, position: N, created_at: N },
    links: [{ column: 'proposed_by', by: 'panel_member', holds: 'column', erase: SET_NULL }],
    untouched: {
      text: "The panel's question, chosen together and asked of candidates: it stays the panel's once who proposed it is cleared.",
      good_answer: 'What the panel agreed a good answer looks like: it stays the panel’s once who proposed the question is cleared.',
    },
  },
  panel_criterion: {
    about: "A panel's scoring rubric: weighted criteria written by staff and members together.",
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, panel_id: N, title: N, description: N, symbol: N, weight: N, position: N, created_at: N },
  },
  panel_scoresheet: {
    about: "One member's scoring of one candidate: their comment and whether they sent it.",
    tenancy: 'area_id',
    key: ['member_id', 'candidate_id'],
    columns: { area_id: N, panel_id: N, member_id: P, candidate_id: N, comment: P, submitted_at: N, updated_at: N },
    links: [{ column: 'member_id', by: 'panel_member', holds: 'row', erase: DELETE }],
    context: ['panel_id', 'candidate_id'],
  },
  panel_score: {
    about: "One member's score for one candidate on one criterion.",
    tenancy: 'area_id',
    key: ['member_id', 'candidate_id', 'criterion_id'],
    columns: { area_id: N, member_id: P, candidate_id: N, criterion_id: N, score: P, updated_at: N },
    links: [{ column: 'member_id', by: 'panel_member', holds: 'row', erase: DELETE }],
    context: ['candidate_id', 'criterion_id'],
  },
  panel_debrief: {
    about: 'What a member wanted to say about the panel afterwards (it also becomes a contribution, erased with them through its own rows).',
    tenancy: 'area_id',
    key: ['member_id'],
    columns: { area_id: N, panel_id: N, member_id: P, text: P, created_at: N },
    links: [{ column: 'member_id', by: 'panel_member', holds: 'row', erase: DELETE }],
    context: ['panel_id'],
  },
  time_given: {
    about: 'Time a person gave to a panel or a visit, for the recognition ledger: once per person and what it was for.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, activity_id: N, account_id: P, panel_member_id: P, kind: N, source_key: N, minutes: P, given_on: N, recorded_by: P, created_at: N },
    links: [
      { column: 'account_id', by: 'account', holds: 'row', erase: DELETE },
      { column: 'panel_member_id', by: 'panel_member', holds: 'row', erase: DELETE },
      staff('recorded_by'),
    ],
    context: ['kind'],
  },
  // ── Panels (issue 16): grants ──
  // Listed after the panels' own tables (panel, panel_candidate: the setup part's), which a grant
  // application points at. An applicant is found by the email address they sign in with; their sign-in
  // links and applications through them. Erasing them deletes all of it (the questions are staff's).
  grant_applicant: {
    about: 'Someone who applies for grants: the email address they sign in with, their organisation and their name.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: P, area_id: N, email: P, organisation_name: P, contact_name: P, created_at: N },
    links: [
      { column: 'email', by: 'email', holds: 'row', erase: DELETE },
      { column: 'id', by: 'grant_applicant', holds: 'row', erase: DELETE },
    ],
  },
  grant_sign_in: {
    about: "An applicant's sign-in links (single use, half an hour) and signed-in browsers: hashes only.",
    tenancy: 'area_id',
    key: ['token_hash'],
    columns: { token_hash: P, area_id: N, applicant_id: P, kind: N, expires_at: N, used_at: N, created_at: N },
    links: [{ column: 'applicant_id', by: 'grant_applicant', holds: 'row', erase: DELETE }],
    withheld: { token_hash: 'A hash of the secret in an emailed link or a browser cookie: of no use to them.' },
  },
  grant_question: {
    about: "A grant round's application questions, written by staff.",
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, panel_id: N, text: N, hint: N, max_words: N, position: N, created_at: N },
  },
  grant_application: {
    about: 'An application for a grant: the project, the amount asked for and the answers, as a draft or sent.',
    tenancy: 'area_id',
    key: ['id'],
    columns: {
      id: N, area_id: N, panel_id: N, applicant_id: P, project_title: P, amount_pence: P, answers: P, status: N, submitted_at: N, candidate_id: N, version: N,
      created_at: N, updated_at: N,
    },
    links: [{ column: 'applicant_id', by: 'grant_applicant', holds: 'row', erase: DELETE }],
    context: ['panel_id'],
  },
  // ── Inspections (issue 16): programmes, criteria, visits, ratings, photos; reports' columns too ──
  // Young inspectors are members of the programme's panel (panel_member, above): their ratings and
  // photos are found through that membership and erased with it. A proposed checklist item keeps its
  // words (the team's checklist) once who proposed it is cleared. Programmes, providers (an
  // organisation, with a work address), visits and the provider's actions are staff's and
  // providers' records, not about a person.
  inspection_programme: {
    about: 'What young inspectors look at, what each star means and the rules after a low or high rating; set up by staff.',
    tenancy: 'area_id',
    key: ['id'],
    columns: {
      id: N, area_id: N, activity_id: N, panel_id: N, title: N, focus: N, rating_words: N, reinspect_at_or_below: N, reinspect_after_days: N, standard_at_or_above: N,
      version: N, created_by: P, created_at: N,
    },
    links: [staff('created_by')],
  },
  inspection_criterion: {
    about: "A checklist item co-designed by the young inspectors (proposed by one of them or by staff), with a symbol and what good looks like.",
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, programme_id: N, title: P, good_looks_like: P, symbol: N, status: N, proposed_by: P, position: N, created_at: N },
    links: [{ column: 'proposed_by', by: 'panel_member', holds: 'column', erase: SET_NULL }],
    untouched: {
      title: "The team's checklist item, agreed or not: it stays the programme's once who proposed it is cleared.",
      good_looks_like: "What the team said good looks like: it stays the programme's once who proposed the item is cleared.",
    },
  },
  inspection_provider: {
    about: 'A provider or venue young inspectors visit: an organisation, with a work address for the report link.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, name: N, venue: N, contact_email: N, created_at: N },
  },
  inspection_visit: {
    about: "One visit to a provider (its own activity), with the report, the provider's response and its link (a hash).",
    tenancy: 'area_id',
    key: ['id'],
    columns: {
      id: N, area_id: N, programme_id: N, provider_id: N, activity_id: N, reinspection_of: N, status: N, visited_at: N, summary: N, easy_read_summary: N,
      overall_rating: N, reported_at: N, provider_token_hash: N, provider_token_expires_at: N, provider_response: N, provider_responded_at: N, findings_made_at: N,
      version: N, created_by: P, created_at: N,
    },
    links: [staff('created_by')],
  },
  inspection_rating: {
    about: "One young inspector's rating and note for one checklist item on one visit (the note also becomes a contribution, erased through its own rows).",
    tenancy: 'area_id',
    key: ['visit_id', 'criterion_id', 'member_id'],
    columns: { area_id: N, visit_id: N, criterion_id: N, member_id: P, rating: P, note: P, updated_at: N },
    links: [{ column: 'member_id', by: 'panel_member', holds: 'row', erase: DELETE }],
    context: ['visit_id', 'criterion_id'],
  },
  inspection_photo: {
    about: 'A photo of a visited place (never of people) added by a young inspector or staff, re-encoded without metadata, with its description.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, visit_id: N, member_id: P, criterion_id: N, bytes: P, mime: N, width: N, height: N, sha256: N, alt_text: P, created_at: N },
    links: [{ column: 'member_id', by: 'panel_member', holds: 'row', erase: DELETE }],
    withheld: { bytes: 'The photo itself, a picture of a place: described by its words in the download, and deleted with the row.' },
    context: ['visit_id'],
  },
  inspection_action: {
    about: 'What a provider will do after a report, and by when: written by the provider (an organisation).',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, visit_id: N, action: N, due_on: N, done_at: N, position: N, created_at: N },
  },
  // Issue 17. Each part classifies its own tables under its own line, in this order (parents first):
  // ── young: way in ── (young_person, young_guardian, young_setup_link)
  // A young person is an account with no email address: found through it (finder 'account'), and
  // erasing the account deletes their row, their parent carers' links and any set-up link.
  young_person: {
    about: "A young person's own way in: their age band, whether they are 13 or over, hashes of their sign-in code and picture password, who manages the account, and whether their parent carers may see their pages.",
    tenancy: 'area_id',
    key: ['id'],
    columns: {
      id: P, area_id: N, account_id: P, age_band: P, thirteen_or_over: P, code_hash: P, pictures_hash: P, managed_by: P, parents_see: P, parents_choice_at: P,
      created_by: P, created_at: N, version: N,
    },
    links: [
      { column: 'account_id', by: 'account', holds: 'row', erase: DELETE },
      { column: 'managed_by', by: 'account', holds: 'column', erase: SET_NULL },
      staff('created_by'),
    ],
    withheld: {
      code_hash: 'A hash of their sign-in code: of no use to them.',
      pictures_hash: 'A hash of their picture password: of no use to them.',
    },
  },
  young_guardian: {
    about: 'A parent carer linked to a young person (they may see the young person\'s pages when the rule allows).',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: P, area_id: N, young_person_id: P, account_id: P, created_at: N },
    links: [{ column: 'account_id', by: 'account', holds: 'row', erase: DELETE }],
  },
  young_setup_link: {
    about: "A single-use link emailed to a parent carer to set up and manage a child's account: the address, a hash of the secret, when it ends and when it was used.",
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: P, area_id: N, young_person_id: P, email: P, token_hash: P, expires_at: N, used_at: N, created_by: P, created_at: N },
    links: [{ column: 'email', by: 'email', holds: 'row', erase: DELETE }, staff('created_by')],
    withheld: { token_hash: 'A hash of the secret in the set-up link: of no use to them.' },
  },
  // ── recognition: thanks ── (attendance, thanks, name_consent, certificate, recognition_setting)
  // A person of the ledger is found by their account, panel member or sign-up; erasing them deletes
  // their rows (who came, thanks, name consent and certificates).
  attendance: {
    about: 'Who came to an activity (a lead ticked their sign-up): once per person and activity.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: P, area_id: N, activity_id: N, account_id: P, panel_member_id: P, signup_id: P, person_key: P, recorded_by: P, created_at: N },
    links: [
      { column: 'account_id', by: 'account', holds: 'row', erase: DELETE },
      { column: 'panel_member_id', by: 'panel_member', holds: 'row', erase: DELETE },
      { column: 'signup_id', by: 'signup', holds: 'row', erase: DELETE },
      staff('recorded_by'),
    ],
    context: ['activity_id'],
  },
  thanks: {
    about: 'A thank-you message to one person for one activity, once, and how it reached them (their page, an email, or through their supporter).',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: P, area_id: N, activity_id: N, account_id: P, panel_member_id: P, signup_id: P, person_key: P, message: P, symbol: N, channel: P, sent_by: P, sent_at: N },
    links: [
      { column: 'account_id', by: 'account', holds: 'row', erase: DELETE },
      { column: 'panel_member_id', by: 'panel_member', holds: 'row', erase: DELETE },
      { column: 'signup_id', by: 'signup', holds: 'row', erase: DELETE },
      staff('sent_by'),
    ],
    context: ['activity_id'],
  },
  name_consent: {
    about: 'Consent to print a name they chose on certificates, who gave it (themselves or a parent carer), and when it was withdrawn.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: P, area_id: N, account_id: P, panel_member_id: P, signup_id: P, person_key: P, name: P, given_by: P, recorded_by: P, consented_at: P, withdrawn_at: P },
    links: [
      { column: 'account_id', by: 'account', holds: 'row', erase: DELETE },
      { column: 'panel_member_id', by: 'panel_member', holds: 'row', erase: DELETE },
      { column: 'signup_id', by: 'signup', holds: 'row', erase: DELETE },
      staff('recorded_by'),
    ],
  },
  certificate: {
    about: 'A certificate made for one person with their name consent: its title, what they did and the hours.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: P, area_id: N, account_id: P, panel_member_id: P, signup_id: P, person_key: P, activity_id: N, name_consent_id: P, title: P, what_they_did: P, minutes: P, issued_by: P, issued_at: N },
    links: [
      { column: 'account_id', by: 'account', holds: 'row', erase: DELETE },
      { column: 'panel_member_id', by: 'panel_member', holds: 'row', erase: DELETE },
      { column: 'signup_id', by: 'signup', holds: 'row', erase: DELETE },
      staff('issued_by'),
    ],
    context: ['activity_id'],
  },
  recognition_setting: { about: "The area's deadline for thanks (days after an activity ends).", tenancy: 'area_id', key: ['area_id'], columns: { area_id: N, thanks_due_days: N, version: N } },
  // ── recognition: rewards ── (recognition_budget, reward_rule, reward)
  // Budgets and rules are the area's (staff who made them are linked as staff). A reward is about one
  // person (an account, a panel member or a sign-up): found through whichever it is, and erasing them
  // deletes it (their voucher code with it); the budget's committed figure drops by its value.
  recognition_budget: {
    about: 'Money set aside for rewards (vouchers and payments), for an organisation or an activity.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, name: N, organisation_id: N, activity_id: N, amount_pence: N, version: N, created_by: P, created_at: N },
    links: [staff('created_by')],
  },
  reward_rule: {
    about: 'A rule the area sets ("£10 voucher per event attended") that proposes rewards after an activity for a lead to approve.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, earned_by: N, kind: N, value_pence: N, voucher_type: N, budget_id: N, activity_type: N, active: N, created_by: P, created_at: N },
    links: [staff('created_by')],
  },
  reward: {
    about: 'A voucher or payment to one person for one activity, from a budget: proposed, approved, issued, received or declined, with the voucher code shown on their own page and whether they agreed to have it emailed.',
    tenancy: 'area_id',
    key: ['id'],
    columns: {
      id: P, area_id: N, activity_id: N, account_id: P, panel_member_id: P, signup_id: P, person_key: P, kind: P, value_pence: P, voucher_type: P, budget_id: N, rule_id: N,
      status: P, proposed_at: N, approved_by: P, approved_at: N, issued_by: P, issued_at: N, received_at: N, voucher_code: P, code_by_email_at: P,
    },
    links: [
      { column: 'account_id', by: 'account', holds: 'row', erase: DELETE },
      { column: 'panel_member_id', by: 'panel_member', holds: 'row', erase: DELETE },
      { column: 'signup_id', by: 'signup', holds: 'row', erase: DELETE },
      staff('approved_by'),
      staff('issued_by'),
    ],
    context: ['activity_id'],
  },
  // ── profiles: about me ── (profile, profile_version, profile_photo, profile_share)
  // A young person's profile is theirs: found through their young person record (their account), and
  // erasing them deletes it with its versions, photos and shares. The people it is shared with and
  // who made a version are found by their own accounts too.
  profile: {
    about: "A young person's \"All about me\" one-page profile or \"My views for my plan\" for a review: its kind, the review's title and which version it shows.",
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, young_person_id: P, kind: N, title: P, current_version: N, created_at: N },
    links: [{ column: 'young_person_id', by: 'young_person', holds: 'row', erase: DELETE }],
  },
  profile_version: {
    about: 'Every saved version of a profile: what the young person said (words, symbols, which photo), who saved it and when.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, profile_id: P, version: N, content: P, made_by: P, made_at: N },
    links: [
      { column: 'profile_id', by: 'young_profile', holds: 'row', erase: DELETE },
      { column: 'made_by', by: 'account', holds: 'column', erase: SET_NULL },
    ],
  },
  profile_photo: {
    about: 'A photo a young person chose for their profile, re-encoded without metadata, with the words that describe it.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, profile_id: P, image: P, width: N, height: N, alt: P, created_at: N },
    links: [{ column: 'profile_id', by: 'young_profile', holds: 'row', erase: DELETE }],
    withheld: { image: 'The photo itself: described by its words in the download, and deleted with the row.' },
  },
  profile_share: {
    about: 'Who a young person shared a profile with (an account here, or an email address sent a link), in their words, when, by whom, and when it was stopped.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, profile_id: P, account_id: P, email: P, token_hash: P, role_words: P, shared_by: P, shared_at: N, revoked_by: P, revoked_at: N },
    links: [
      { column: 'profile_id', by: 'young_profile', holds: 'row', erase: DELETE },
      { column: 'account_id', by: 'account', holds: 'column', erase: keep('Erasing the account it is shared with deletes the share with it (the foreign key cascades).') },
      { column: 'email', by: 'email', holds: 'column', erase: { action: 'anonymise', values: { email: 'erased_email', revoked_at: 'now' } } },
      { column: 'shared_by', by: 'account', holds: 'column', erase: SET_NULL },
      { column: 'revoked_by', by: 'account', holds: 'column', erase: SET_NULL },
    ],
    withheld: { token_hash: 'A hash of the secret in the share link: of no use to them.' },
  },
  // ── profiles: volunteers ── (volunteer, match_request, introduction)
  // A volunteer's profile is about them: found by their account when they have one (most have none:
  // staff keep the profile, and delete it when the volunteer leaves). What matters to a young person is
  // theirs (found through their young person record). An introduction is the young person's and the
  // volunteer's: what the young person said is found by who said it, and the whole row goes with the
  // young person (its match request cascades).
  volunteer: {
    about: "A volunteer's or support worker's profile: first name, kind, organisation, what they are like, interests, skills, when they are free, a photo, the DBS check date and who recorded it, active or not.",
    tenancy: 'area_id',
    key: ['id'],
    columns: {
      id: N, area_id: N, account_id: P, organisation_id: N, kind: P, display_name: P, about: P, interests: P, skills: P, traits: P, availability: P, photo: P,
      dbs_checked_on: P, dbs_recorded_by: P, active: P, version: N, created_at: N,
    },
    links: [{ column: 'account_id', by: 'account', holds: 'row', erase: DELETE }, staff('dbs_recorded_by')],
    withheld: { photo: 'The photo itself: deleted with the row.' },
  },
  match_request: {
    about: 'What matters to a young person in a volunteer ("likes football", "someone calm") and their own words.',
    tenancy: 'area_id',
    key: ['id'],
    columns: { id: N, area_id: N, young_person_id: P, wishes: P, words: P, status: P, created_at: N },
    links: [{ column: 'young_person_id', by: 'young_person', holds: 'row', erase: DELETE }],
  },
  introduction: {
    about: 'A young person chose to meet a volunteer: when they meet and met, how it went (a face, words, carry on?), who said it, and whether staff confirmed or ended it.',
    tenancy: 'area_id',
    key: ['id'],
    columns: {
      id: N, area_id: N, match_request_id: P, volunteer_id: P, chosen_at: N, meets_at: N, met_at: N, feeling: P, words: P, carry_on: P, said_at: N, said_by: P,
      confirmed_at: N, confirmed_by: P, ended_at: N,
    },
    links: [{ column: 'said_by', by: 'account', holds: 'column', erase: SET_NULL }, staff('confirmed_by')],
    untouched: {
      feeling: "What the young person said: deleted with their young person record (the match request cascades), not when a parent carer who said it for them is erased.",
      words: "What the young person said: deleted with their young person record (the match request cascades).",
      carry_on: "Whether the young person wants to carry on: deleted with their young person record (the match request cascades).",
      match_request_id: "Which of the young person's requests it answers: the row is deleted with the young person's record (the match request cascades).",
      volunteer_id: 'Which volunteer they chose: deleted with the young person, or with the volunteer.',
    },
    context: ['chosen_at', 'met_at'],
  },
} as const satisfies Record<string, TableEntry>;

export type CatalogueTable = keyof typeof PERSONAL_DATA;

/** The catalogue as plain entries (the literal types above are only there to name the tables). */
export const CATALOGUE: ReadonlyArray<readonly [CatalogueTable, TableEntry]> = Object.entries(PERSONAL_DATA) as Array<[CatalogueTable, TableEntry]>;

export function tableEntry(table: CatalogueTable): TableEntry {
  return PERSONAL_DATA[table];
}

/** How a person is looked for on the data-rights pages. */
export const SEARCH_KINDS = ['email', 'phone', 'receipt_code'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/**
 * The finders a search of each kind can reach. An email address finds an account (and everything
 * linked to it), rows holding the address, and the responses where the person asked to hear back by
 * email; a phone number finds rows holding it and the responses where they asked for a text; a
 * receipt code finds its response. From a response: its contributions, the messages quoting its
 * receipt code and those sent to where they asked to hear back. A receipt code or a phone number
 * never reaches an account.
 */
export const REACHABLE: Readonly<Record<SearchKind, ReadonlySet<Finder>>> = {
  email: new Set<Finder>(['account', 'panel_member', 'account_key', 'email', 'response', 'contribution', 'signup', 'receipt_code', 'receipt_code_in_text', 'quoted_contribution', 'given_address', 'live_participant', 'grant_applicant']),
  phone: new Set<Finder>(['phone', 'response', 'contribution', 'signup', 'receipt_code', 'receipt_code_in_text', 'quoted_contribution', 'given_address', 'live_participant']),
  receipt_code: new Set<Finder>(['receipt_code', 'receipt_code_in_text', 'response', 'contribution', 'quoted_contribution', 'given_address', 'live_participant']),
};

/** Tables with at least one link a search of this kind can reach, in catalogue order. */
export function findableTables(kind: SearchKind): CatalogueTable[] {
  return CATALOGUE.filter(([, entry]) => (entry.links ?? []).some((link) => REACHABLE[kind].has(link.by))).map(([table]) => table);
}

/** The tables a download of this kind of search contains (findable, and not kept out of downloads). */
export function downloadTables(kind: SearchKind): CatalogueTable[] {
  return findableTables(kind).filter((table) => !tableEntry(table).notInDownload);
}

/** Date and time columns, shown with every row in a download: by the schema's naming rule. */
export function isDateColumn(column: string): boolean {
  return column === 'at' || column.endsWith('_at') || column.endsWith('_on');
}

/**
 * Kysely's view of the tables. Repositories map these rows to domain objects; views never see them.
 */
import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface AreaTable {
  id: Generated<string>;
  slug: string;
  name: string;
  brand_colour: Generated<string>;
  contact_email: string;
  is_demo: Generated<boolean>;
  feedback_weeks: Generated<number>;
  min_notice_days: Generated<number>;
  /** 'HH:MM:SS' local (Europe/London) times of the school day and of drop-off and pick-up. */
  school_day_starts: Generated<string>;
  school_day_ends: Generated<string>;
  drop_off_starts: Generated<string>;
  drop_off_ends: Generated<string>;
  pick_up_starts: Generated<string>;
  pick_up_ends: Generated<string>;
  /** The area's logo (an area_picture with purpose 'logo'); kept in step by pictures.service.ts. */
  logo_picture_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Publishing a response needs someone other than its writer to approve it (migration 2026-12-05T0350). */
  publish_needs_approval: Generated<boolean>;
  /** Counts changes to what the public "you said, we did" pages show (a trigger on theme_response, migration 2026-12-06T0900). bigint, read as text. */
  public_version: Generated<string>;
  created_at: CreatedAt;
}

/** An area's own picture (photo or logo), stored re-encoded and stripped of metadata. */
export interface AreaPictureTable {
  id: Generated<string>;
  area_id: string;
  purpose: Generated<'picture' | 'logo'>;
  alt_text: string;
  content_type: string;
  bytes: Buffer;
  width: number;
  height: number;
  fingerprint: string;
  created_at: CreatedAt;
}

export interface AccountTable {
  id: Generated<string>;
  /** Empty for a young person's account (issue 17): they sign in with a code and pictures. */
  email: string | null;
  display_name: string;
  password_hash: string | null;
  is_operator: Generated<boolean>;
  created_at: CreatedAt;
  disabled_at: NullableTimestamp;
}

export interface SessionTable {
  id_hash: string;
  account_id: string;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  user_agent: string | null;
}

export interface SecurityEventTable {
  id: Generated<string>;
  kind: string;
  account_id: string | null;
  email: string | null;
  ip: string | null;
  at: CreatedAt;
}

export interface OneTimeTokenTable {
  token_hash: string;
  purpose: 'password_reset' | 'magic_link';
  account_id: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface OutboxMessageTable {
  id: Generated<string>;
  area_slug: string | null;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  body: string;
  transport: Generated<string>;
  created_at: CreatedAt;
  sent_at: NullableTimestamp;
}

export interface OrganisationTable {
  id: Generated<string>;
  area_id: string;
  name: string;
  kind: string;
  created_at: CreatedAt;
}

export interface AreaMembershipTable {
  id: Generated<string>;
  area_id: string;
  account_id: string;
  role: string;
  organisation_id: string | null;
  created_at: CreatedAt;
}

export interface InvitationTable {
  id: Generated<string>;
  area_id: string;
  email: string;
  display_name: string;
  role: string;
  organisation_id: string | null;
  token_hash: string;
  invited_by: string | null;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface AuditEventTable {
  id: Generated<string>;
  area_id: string;
  actor_account_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  detail: ColumnType<Record<string, unknown>, string | undefined, never>;
  at: CreatedAt;
}

export interface CharterTable {
  id: Generated<string>;
  area_id: string;
  template_key: string;
  title: string;
  introduction: string;
  easy_read_introduction: string;
  source_note: Generated<string>;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface CharterPrincipleTable {
  id: Generated<string>;
  area_id: string;
  charter_id: string;
  position: number;
  title: string;
  description: string;
  easy_read: string;
  symbol: string | null;
}

export interface CharterCommitmentTable {
  id: Generated<string>;
  area_id: string;
  principle_id: string;
  position: number;
  party: 'everyone' | 'organisations' | 'forum';
  text: string;
}

export interface CharterSignatureTable {
  id: Generated<string>;
  area_id: string;
  organisation_id: string;
  signed_by_name: string;
  signed_by_role: string;
  signed_on: ColumnType<string, string, string>;
  recorded_by: string | null;
  created_at: CreatedAt;
}

export interface ForumTable {
  id: Generated<string>;
  area_id: string;
  name: string;
  audience: 'young_people' | 'parent_carers' | 'mixed';
  description: string;
  easy_read: string;
  meets: Generated<string>;
  position: Generated<number>;
}

export interface BoardTable {
  id: Generated<string>;
  area_id: string;
  name: string;
  description: string;
  position: Generated<number>;
}

export interface ForumBoardTable {
  area_id: string;
  forum_id: string;
  board_id: string;
}

// ── Activities (migration 2026-11-22T1200) ──────────────────────────────────────────────────────

type DateOnly = ColumnType<string, string, string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export interface TermDateTable {
  id: Generated<string>;
  area_id: string;
  name: string;
  starts_on: DateOnly;
  ends_on: DateOnly;
  created_at: CreatedAt;
}

export interface ActivityTable {
  id: Generated<string>;
  area_id: string;
  organisation_id: string | null;
  title: string;
  purpose: string;
  easy_read_purpose: Generated<string>;
  type: string;
  level: string;
  stage: string;
  services: TextArray;
  audience: string;
  age_bands: TextArray;
  starts_at: NullableTimestamp;
  ends_at: NullableTimestamp;
  venue_kind: Generated<string>;
  venue_name: Generated<string>;
  venue_address: Generated<string>;
  joining_instructions: Generated<string>;
  venue_access_recorded: Generated<boolean>;
  venue_access: TextArray;
  questions_shared: Generated<boolean>;
  adjustments_offered: TextArray;
  interpreter_languages: Generated<string>;
  ground_rules: TextArray;
  contact_name: string;
  contact_email: string;
  contact_phone: Generated<string>;
  status: Generated<string>;
  children_mode: Generated<boolean>;
  version: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  opened_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  closing_reminder_sent_at: NullableTimestamp;
  // Evaluation (issue 13): planned level and who will decide (migration 2026-12-05T1000).
  planned_rung: string | null;
  planned_rung_name: Generated<string>;
  planned_level: string | null;
  decided_by_board_id: string | null;
  decided_by_role: Generated<string>;
}

export interface PlanningCheckTable {
  area_id: string;
  activity_id: string;
  check_key: string;
  result: 'ok' | 'warning' | 'not_applicable';
  detail: Generated<string>;
  checked_at: Timestamp;
}

export interface ActivitySignupTable {
  id: Generated<string>;
  area_id: string;
  activity_id: string;
  account_id: string | null;
  name: string;
  email: Generated<string>;
  phone: Generated<string>;
  people: Generated<number>;
  idempotency_key: string;
  created_at: CreatedAt;
  /** When the person cancelled their place (the row stays, for the lead to see). */
  cancelled_at: NullableTimestamp;
  /** SHA-256 of the secret in the emailed link to cancel (signed out, with an email), or null. */
  cancel_token_hash: string | null;
}

export interface AdjustmentRequestTable {
  id: Generated<string>;
  area_id: string;
  activity_id: string;
  signup_id: string | null;
  response_id: string | null;
  adjustments: TextArray;
  details: Generated<string>;
  contact: Generated<string>;
  status: Generated<'new' | 'arranged' | 'not_possible'>;
  created_at: CreatedAt;
}

// ── Surveys (migration 2026-11-22T1210) ─────────────────────────────────────────────────────────

type Json<T> = ColumnType<T, string, string>;

export interface QuestionTable {
  id: Generated<string>;
  area_id: string;
  activity_id: string;
  position: number;
  type: string;
  text: string;
  easy_read: Generated<string>;
  hint: Generated<string>;
  required: Generated<boolean>;
  /** Written as JSON.stringify(settings). */
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  show_if_question_id: string | null;
  show_if_option_id: string | null;
  created_at: CreatedAt;
}

export interface QuestionOptionTable {
  id: Generated<string>;
  area_id: string;
  question_id: string;
  position: number;
  label: string;
  easy_read: Generated<string>;
  symbol: string | null;
  alt_text: Generated<string>;
}

export interface ResponseTable {
  id: Generated<string>;
  area_id: string;
  activity_id: string;
  mode: 'anonymous' | 'signed_in' | 'supported';
  account_id: string | null;
  supporter_relationship: string | null;
  supporter_relationship_other: Generated<string>;
  support_methods: TextArray;
  supporter_account_id: string | null;
  status: Generated<'in_progress' | 'submitted'>;
  access_token_hash: string;
  resume_code_hash: string | null;
  idempotency_key: string;
  receipt_code: string | null;
  anything_else: Generated<string>;
  age_band: string | null;
  sex: string | null;
  ethnicity: string | null;
  need_type: string | null;
  support_level: string | null;
  language: Generated<string>;
  started_at: CreatedAt;
  updated_at: Timestamp;
  submitted_at: NullableTimestamp;
  /** 'live': the response behind a live session's participant (issue 15), with no survey answers. */
  channel: Generated<ContributionChannel>;
}

export interface AnswerTable {
  area_id: string;
  response_id: string;
  question_id: string;
  /** Written as JSON.stringify(value); null only when declined. */
  value: Json<unknown> | null;
  declined: Generated<boolean>;
  updated_at: Timestamp;
}

// ── Contributions (migration 2026-11-22T1220) ───────────────────────────────────────────────────

/** What a contribution answered: a written answer, a card sort, "anything else", or a live session (issue 15). */
export type ContributionSource = 'free_text' | 'card_sort' | 'anything_else' | 'live' | 'panel' | 'inspection';

export interface ContributionTable {
  id: Generated<string>;
  area_id: string;
  activity_id: string;
  question_id: string | null;
  response_id: string | null;
  account_id: string | null;
  supporter_relationship: string | null;
  receipt_code: string | null;
  source: ContributionSource;
  original_text: string;
  redacted_text: string;
  needs_review: Generated<boolean>;
  hidden_at: NullableTimestamp;
  hidden_reason: string | null;
  hidden_by: string | null;
  /** Held for a safeguarding lead: invisible (row-level security) to every other transaction. */
  safeguarding_hold: Generated<boolean>;
  /** The retention schedule replaced the original words with the redacted copy at this moment. */
  original_deleted_at: NullableTimestamp;
  /** The version of the redaction engine that last read the original words (redaction.ts). */
  redaction_version: Generated<number>;
  created_at: CreatedAt;
  /** Where it came from: a survey, or a live session (issue 15). */
  channel: Generated<ContributionChannel>;
  live_session_id: ColumnType<string | null, string | null | undefined, string | null>;
  live_interaction_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** 'answer:<interaction id>' or 'post:<post id>': one contribution per live answer or post. */
  live_key: ColumnType<string | null, string | null | undefined, never>;
  /** Panels and inspections (issue 16): 'debrief:<member id>', 'finding:<visit>:<criterion>:<member>'. */
  source_key: ColumnType<string | null, string | null | undefined, never>;
}

/** Where a contribution came from (issues 15 and 16). */
export type ContributionChannel = 'survey' | 'live' | 'panel' | 'inspection';

export interface RedactionTable {
  id: Generated<string>;
  area_id: string;
  contribution_id: string;
  start_offset: number;
  end_offset: number;
  kind: 'name' | 'email' | 'phone' | 'postcode' | 'nhs_number' | 'school' | 'address' | 'other';
  method: 'automatic' | 'lead';
  undone_at: NullableTimestamp;
  undone_by: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  /** A reviewer checked this removal and kept it (the batch review of removed details). */
  confirmed_at: NullableTimestamp;
  confirmed_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RedactionTermTable {
  id: Generated<string>;
  area_id: string;
  kind: 'name' | 'school' | 'place';
  term: string;
  created_at: CreatedAt;
}

// ── You said, we did (migration 2026-11-22T1300) ────────────────────────────────────────────────

export type ResponseStatus = 'done' | 'doing' | 'will_do' | 'cannot' | 'deciding';
export type ResponseStage = 'draft' | 'in_review' | 'published';
export type ContactChannel = 'email' | 'sms' | 'supporter' | 'letter' | 'none';
export type NoticeStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'printed' | 'unknown';
export type ListenedRating = 'yes' | 'a_bit' | 'no';
export type TransportKind = 'outbox' | 'notify' | 'smtp';
type UuidArray = ColumnType<string[], string[] | undefined, string[]>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;

export interface ThemeTable {
  id: Generated<string>;
  area_id: string;
  title: string;
  summary: Generated<string>;
  easy_read_summary: Generated<string>;
  symbol: string | null;
  symbol_alt: Generated<string>;
  cited_question_id: string | null;
  citation: Generated<string>;
  version: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ThemeContributionTable {
  area_id: string;
  contribution_id: string;
  theme_id: string;
  is_quote: Generated<boolean>;
  added_by: string | null;
  added_at: CreatedAt;
}

export interface ThemeResponseTable {
  id: Generated<string>;
  area_id: string;
  theme_id: string;
  status: Generated<ResponseStatus>;
  reason: Generated<string>;
  what_changed: Generated<string>;
  what_changed_easy_read: Generated<string>;
  decided_by_board_id: string | null;
  decided_by_role: Generated<string>;
  owner_account_id: string | null;
  decided_on: NullableDate;
  due_on: NullableDate;
  done_on: NullableDate;
  evidence_links: TextArray;
  stage: Generated<ResponseStage>;
  version: Generated<number>;
  first_published_at: NullableTimestamp;
  published_at: NullableTimestamp;
  published_version: number | null;
  /** What the public saw at the last publication (shape owned by the feedback module). */
  published_content: ColumnType<unknown | null, string | null | undefined, string | null>;
  published_services: TextArray;
  published_activity_ids: UuidArray;
  updated_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** Erasure removed the author of a quote in the published copy: publish again to drop it. */
  quote_withdrawn_at: NullableTimestamp;
  /** Who approved which saved version for publishing (someone other than its writer). */
  approved_version: ColumnType<number | null, number | null | undefined, number | null>;
  approved_by: ColumnType<string | null, string | null | undefined, string | null>;
  approved_at: NullableTimestamp;
}

export interface ThemeResponseVersionTable {
  area_id: string;
  theme_response_id: string;
  version: number;
  content: Json<unknown>;
  stage: ResponseStage;
  changed_by: string | null;
  changed_at: CreatedAt;
}

export interface FeedbackContactTable {
  area_id: string;
  response_id: string;
  channel: ContactChannel;
  address: Generated<string>;
  format: Generated<'standard' | 'easy_read'>;
  language: Generated<string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface FeedbackNoticeTable {
  id: Generated<string>;
  area_id: string;
  theme_response_id: string;
  response_id: string;
  recipient_key: string;
  channel: Exclude<ContactChannel, 'none'>;
  subject: Generated<string>;
  body: Generated<string>;
  status: Generated<NoticeStatus>;
  attempts: Generated<number>;
  last_error: Generated<string>;
  provider_reference: string | null;
  created_at: CreatedAt;
  claimed_at: NullableTimestamp;
  sent_at: NullableTimestamp;
}

export interface ListenedRatingTable {
  area_id: string;
  response_id: string;
  activity_id: string;
  rating: ListenedRating;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AreaNotificationSettingTable {
  area_id: string;
  transport: Generated<TransportKind>;
  notify_api_key_encrypted: string | null;
  notify_email_template_id: Generated<string>;
  notify_sms_template_id: Generated<string>;
  smtp_host: Generated<string>;
  smtp_port: Generated<number>;
  smtp_secure: Generated<boolean>;
  smtp_user: Generated<string>;
  smtp_password_encrypted: string | null;
  email_from: Generated<string>;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** Installation-wide (no area): jobs shared by every instance. */
export interface ScheduledJobTable {
  name: string;
  next_run_at: Timestamp;
  last_started_at: NullableTimestamp;
  last_finished_at: NullableTimestamp;
  last_error: Generated<string>;
  runs: Generated<number>;
}

// ── Safeguarding and data rights (migration 2026-12-04T2200) ──────────────────────────────────────

export type ConcernSeverityColumn = 'urgent' | 'high' | 'medium';
export type ConcernDecision = 'no_concern' | 'referred_mash' | 'referred_partnership' | 'other';

export interface SafeguardingConcernTable {
  id: Generated<string>;
  area_id: string;
  origin: 'automatic' | 'staff';
  channel: string;
  source_key: string;
  activity_id: string | null;
  response_id: string | null;
  contribution_id: string | null;
  disclosed_text: string;
  severity: ConcernSeverityColumn;
  categories: TextArray;
  rule_ids: TextArray;
  context: ColumnType<Record<string, unknown>, string | undefined, string>;
  raised_by: string | null;
  raised_reason: Generated<string>;
  created_at: CreatedAt;
  first_reviewed_at: NullableTimestamp;
  first_reviewed_by: string | null;
  decision: ConcernDecision | null;
  decision_note: Generated<string>;
  decided_at: NullableTimestamp;
  decided_by: string | null;
  closed_at: NullableTimestamp;
  reminded_at: NullableTimestamp;
  version: Generated<number>;
}

export interface SafeguardingActionTable {
  id: Generated<string>;
  area_id: string;
  concern_id: string;
  taken_on: string;
  description: string;
  recorded_by: string | null;
  created_at: CreatedAt;
}

/** One message to send, queued in the transaction that calls for it (notifications/queued-messages.service.ts). */
export interface QueuedMessageTable {
  id: Generated<string>;
  area_id: string;
  response_id: string | null;
  purpose: string;
  channel: 'email' | 'sms';
  recipient: string;
  subject: Generated<string>;
  body: string;
  status: Generated<'pending' | 'sending' | 'sent' | 'failed' | 'unknown'>;
  attempts: Generated<number>;
  last_error: Generated<string>;
  created_at: CreatedAt;
  claimed_at: NullableTimestamp;
  sent_at: NullableTimestamp;
}

export interface SafeguardingAlertTable {
  id: Generated<string>;
  area_id: string;
  concern_id: string;
  kind: 'new' | 'reminder';
  account_id: string | null;
  channel: 'email' | 'sms';
  recipient_role: 'safeguarding_lead' | 'area_admin';
  status: Generated<'pending' | 'sending' | 'sent' | 'failed' | 'unknown'>;
  attempts: Generated<number>;
  last_error: Generated<string>;
  created_at: CreatedAt;
  claimed_at: NullableTimestamp;
  sent_at: NullableTimestamp;
}

export interface SafeguardingPhraseTable {
  id: Generated<string>;
  area_id: string;
  phrase: string;
  category: string;
  severity: ConcernSeverityColumn;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface SafeguardingContactTable {
  area_id: string;
  account_id: string;
  mobile: string;
  updated_at: Timestamp;
}

export interface RetentionSettingTable {
  area_id: string;
  kind: string;
  period_days: number;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface RetentionRunTable {
  id: Generated<string>;
  area_id: string;
  kind: string;
  cutoff: Date | string;
  removed: number;
  ran_at: CreatedAt;
}

export interface ConsentRecordTable {
  id: Generated<string>;
  area_id: string;
  account_id: string | null;
  response_id: string | null;
  kind: 'privacy_notice' | 'contact' | 'quotes';
  agreed: boolean;
  notice_version: string;
  given_by: 'self' | 'parent_carer' | 'supporter';
  recorded_at: CreatedAt;
}

/** Requests counted against a guessing limit, per keyed hash of limit and address, per window. */
export interface RateLimitHitTable {
  key: string;
  window_start: Timestamp;
  count: number;
}

export interface Database extends LadderTables, ParticipantRatingTables, LundyTables, CharterAssessmentTables, ImpactTables, PopulationTables, ReportTables, LiveTables, PanelTables, InspectionTables, RecognitionTables, ProfileTables {
  area: AreaTable;
  area_picture: AreaPictureTable;
  account: AccountTable;
  session: SessionTable;
  security_event: SecurityEventTable;
  one_time_token: OneTimeTokenTable;
  outbox_message: OutboxMessageTable;
  organisation: OrganisationTable;
  area_membership: AreaMembershipTable;
  invitation: InvitationTable;
  audit_event: AuditEventTable;
  charter: CharterTable;
  charter_principle: CharterPrincipleTable;
  charter_commitment: CharterCommitmentTable;
  charter_signature: CharterSignatureTable;
  forum: ForumTable;
  board: BoardTable;
  forum_board: ForumBoardTable;
  term_date: TermDateTable;
  activity: ActivityTable;
  planning_check: PlanningCheckTable;
  activity_signup: ActivitySignupTable;
  adjustment_request: AdjustmentRequestTable;
  question: QuestionTable;
  question_option: QuestionOptionTable;
  response: ResponseTable;
  answer: AnswerTable;
  contribution: ContributionTable;
  redaction: RedactionTable;
  redaction_term: RedactionTermTable;
  theme: ThemeTable;
  theme_contribution: ThemeContributionTable;
  theme_response: ThemeResponseTable;
  theme_response_version: ThemeResponseVersionTable;
  feedback_contact: FeedbackContactTable;
  feedback_notice: FeedbackNoticeTable;
  listened_rating: ListenedRatingTable;
  area_notification_setting: AreaNotificationSettingTable;
  scheduled_job: ScheduledJobTable;
  safeguarding_concern: SafeguardingConcernTable;
  safeguarding_action: SafeguardingActionTable;
  safeguarding_alert: SafeguardingAlertTable;
  queued_message: QueuedMessageTable;
  safeguarding_phrase: SafeguardingPhraseTable;
  safeguarding_contact: SafeguardingContactTable;
  retention_setting: RetentionSettingTable;
  retention_run: RetentionRunTable;
  consent_record: ConsentRecordTable;
  rate_limit_hit: RateLimitHitTable;
}

// ── Evaluation (issue 13): ladders. Table interfaces above this interface, tables inside it. ──
export interface LadderVariantTable {
  id: Generated<string>;
  area_id: string;
  based_on: string;
  name: string;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface LadderVariantRungTable {
  area_id: string;
  variant_id: string;
  rung_id: string;
  position: number;
  name: string;
  meaning: string;
  common_level: string;
  edited: Generated<boolean>;
}

export interface AreaLadderTable {
  area_id: string;
  ladder_key: string | null;
  variant_id: string | null;
  chosen_at: Generated<Date>;
}

export interface ActivityLevelRatingTable {
  id: Generated<string>;
  area_id: string;
  activity_id: string;
  rung_ref: string;
  rung_name: string;
  ladder_name: string;
  common_level: string;
  justification: string;
  rated_by: string | null;
  rated_at: Generated<Date>;
}

export interface LadderTables {
  ladder_variant: LadderVariantTable;
  ladder_variant_rung: LadderVariantRungTable;
  area_ladder: AreaLadderTable;
  activity_level_rating: ActivityLevelRatingTable;
}

// ── Evaluation (issue 13): ratings. Table interfaces above this interface, tables inside it. ──
/** An area's own words, symbol and common level for one step of the participants' rating scale. */
export interface RatingScaleStepTable {
  area_id: string;
  step: string;
  /** NULL: Chorus' own words, in the reader's language. */
  children_words: string | null;
  parent_carer_words: string | null;
  symbol: string;
  common_level: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** A short code for people to rate an activity after a meeting, without an account. */
export interface RatingLinkTable {
  id: Generated<string>;
  area_id: string;
  activity_id: string;
  code: string;
  variant: string;
  created_by: string | null;
  created_at: CreatedAt;
  closes_at: ColumnType<Date, Date | string, Date | string>;
  closed_at: NullableTimestamp;
  closed_by: string | null;
}

/** One participant's rating of an activity (a survey response's, or one given through a link). */
export interface ParticipantRatingTable {
  id: Generated<string>;
  area_id: string;
  activity_id: string;
  response_id: string | null;
  rating_link_id: string | null;
  step: string;
  common_level: string;
  variant: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ParticipantRatingTables {
  rating_scale_step: RatingScaleStepTable;
  rating_link: RatingLinkTable;
  participant_rating: ParticipantRatingTable;
}

// ── Evaluation (issue 13): lundy. Table interfaces above this interface, tables inside it. ──
export interface LundySettingTable {
  area_id: string;
  template_id: Generated<string>;
  /** The area's own words for questions, by item id. */
  wording: ColumnType<Record<string, string>, string | undefined, string>;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface LundyAnswerTable {
  area_id: string;
  activity_id: string;
  template_id: string;
  item_id: string;
  proposed: string | null;
  proposed_reason: Generated<string>;
  answer: string;
  note: Generated<string>;
  answered_by: string | null;
  answered_at: Generated<Date>;
}

export interface LundyTables {
  lundy_setting: LundySettingTable;
  lundy_answer: LundyAnswerTable;
}

// ── Evaluation (issue 13): charter-assessment. Table interfaces above this interface, tables inside it. ──
export type CharterRating = 'met' | 'partly' | 'not_yet';

export interface CharterAssessmentCycleTable {
  id: Generated<string>;
  area_id: string;
  year: number;
  deadline_on: DateOnly;
  status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>;
  charter_title: string;
  opened_by: string | null;
  opened_at: CreatedAt;
  closed_by: ColumnType<string | null, string | null | undefined, string | null>;
  closed_at: NullableTimestamp;
}

export interface CharterAssessmentPrincipleTable {
  id: Generated<string>;
  area_id: string;
  cycle_id: string;
  position: number;
  title: string;
  description: string;
  easy_read: string;
  symbol: string | null;
}

export interface CharterAssessmentStatementTable {
  id: Generated<string>;
  area_id: string;
  cycle_id: string;
  principle_id: string;
  position: number;
  text: string;
}

export interface CharterSelfAssessmentTable {
  id: Generated<string>;
  area_id: string;
  cycle_id: string;
  organisation_id: string;
  finished_at: NullableTimestamp;
  finished_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CharterAssessmentRatingTable {
  id: Generated<string>;
  area_id: string;
  cycle_id: string;
  organisation_id: string;
  statement_id: string;
  rating: CharterRating;
  evidence_url: string;
  evidence_activity_id: string | null;
  evidence_note: string;
  action_text: string;
  action_owner: string;
  action_due_on: ColumnType<string | null, string | null, string | null>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface CharterForumRatingTable {
  id: Generated<string>;
  area_id: string;
  cycle_id: string;
  forum_id: string;
  organisation_id: string;
  principle_id: string;
  rating: CharterRating;
  note: string;
  agreed_on: DateOnly;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface CharterAssessmentReminderTable {
  id: Generated<string>;
  area_id: string;
  cycle_id: string;
  organisation_id: string;
  days_before: number;
  recipients: Generated<number>;
  sent_at: Timestamp;
}

export interface CharterAssessmentTables {
  charter_assessment_cycle: CharterAssessmentCycleTable;
  charter_assessment_principle: CharterAssessmentPrincipleTable;
  charter_assessment_statement: CharterAssessmentStatementTable;
  charter_self_assessment: CharterSelfAssessmentTable;
  charter_assessment_rating: CharterAssessmentRatingTable;
  charter_forum_rating: CharterForumRatingTable;
  charter_assessment_reminder: CharterAssessmentReminderTable;
}

// ── Evaluation (issue 13): impact. Table interfaces above this interface, tables inside it. ──
/** An area's impact settings: its wording of the four questions, when to ask again, the linking key. */
export interface ImpactSettingTable {
  area_id: string;
  /** Hex key of the HMAC that links a person's checks: never shown on any page. */
  link_key: string;
  question_wording: ColumnType<Record<string, string>, string | undefined, string>;
  again_after_months: Generated<number>;
  again_after_activities: number | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** Staff's answers to (1) and (2) for an activity (theme_response_id null) or one of its published responses. */
export interface ImpactChangeTable {
  id: Generated<string>;
  area_id: string;
  activity_id: string;
  theme_response_id: string | null;
  did_differently: Generated<string>;
  differently_evidence: Generated<string>;
  impact_on_users: Generated<string>;
  impact_evidence: Generated<string>;
  recorded_by: string | null;
  recorded_at: CreatedAt;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** The link between one person's impact checks: a keyed hash of their receipt code or account id. */
export interface ImpactParticipantTable {
  id: Generated<string>;
  area_id: string;
  version: 'child' | 'parent_carer';
  link_kind: 'receipt_code' | 'account';
  link_hash: string;
  created_at: CreatedAt;
}

/** One participant impact check: answers by item (1 to 3); round 1 is the first time. */
export interface ImpactCheckTable {
  id: Generated<string>;
  area_id: string;
  participant_id: string;
  round: number;
  answers: ColumnType<Record<string, number>, string, string>;
  answered_at: CreatedAt;
}

export interface ImpactTables {
  impact_setting: ImpactSettingTable;
  impact_change: ImpactChangeTable;
  impact_participant: ImpactParticipantTable;
  impact_check: ImpactCheckTable;
}

/** A dated import of population figures (CSV or typed in), with its source. */
export interface PopulationImportTable {
  id: Generated<string>;
  area_id: string;
  as_at: ColumnType<Date, Date | string, never>;
  source: string;
  method: 'csv' | 'typed';
  file_name: string | null;
  row_count: number;
  imported_by: string | null;
  imported_at: CreatedAt;
}

/** One population count: children and young people in one group of one characteristic. */
export interface PopulationCountTable {
  id: Generated<string>;
  area_id: string;
  import_id: string;
  organisation_id: string | null;
  characteristic: 'sex' | 'ethnicity' | 'need_type' | 'support_level' | 'age_band';
  value: string;
  count: number;
}

// ── Evaluation (issue 13): representation. Table interfaces above this interface, tables inside it. ──
export interface PopulationTables {
  population_import: PopulationImportTable;
  population_count: PopulationCountTable;
}

export type Db = Kysely<Database>;
/** A transaction in which app.area_id is set: the only way to touch an area's rows. */
export type AreaTx = Transaction<Database> & { readonly __area: unique symbol };

// ── Reports (issue 14): migration 2026-12-05T1100 ──────────────────────────────────────────────

/** A report (board report, local account summary, reg. 56 annual publication) of one area. */
export interface ReportTable {
  id: Generated<string>;
  area_id: string;
  kind: 'board' | 'local_account' | 'annual_publication';
  title: string;
  audience_board_id: string | null;
  audience_text: ColumnType<string, string | undefined, string>;
  authors: ColumnType<string, string | undefined, string>;
  scope_kind: 'area' | 'organisation' | 'service';
  scope_organisation_id: string | null;
  scope_service: string | null;
  period_from: DateOnly;
  period_to: DateOnly;
  status: ColumnType<'draft' | 'review' | 'approved' | 'published', 'draft' | 'review' | 'approved' | 'published' | undefined, 'draft' | 'review' | 'approved' | 'published'>;
  version: ColumnType<number, number | undefined, number>;
  edition: ColumnType<number, number | undefined, number>;
  previous_report_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_by: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: Timestamp;
  approved_by: ColumnType<string | null, string | null | undefined, string | null>;
  approved_at: NullableTimestamp;
  published_by: ColumnType<string | null, string | null | undefined, string | null>;
  published_at: NullableTimestamp;
  /** The frozen ReportDocument (JSON) once published. */
  snapshot: ColumnType<unknown, string | null | undefined, string | null>;
}

/** One part of a report: a registry section (automatic part + commentary) or a written part. */
export interface ReportPartTable {
  id: Generated<string>;
  area_id: string;
  report_id: string;
  kind: 'section' | 'written';
  section_key: string | null;
  title: string | null;
  commentary: ColumnType<string, string | undefined, string>;
  forum_id: string | null;
  writer_account_id: string | null;
  position: number;
  version: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_by: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: Timestamp;
}

export type ReportEventAction = 'created' | 'details_changed' | 'part_added' | 'part_removed' | 'part_moved' | 'part_written' | 'submitted' | 'approved' | 'sent_back' | 'published' | 'new_version';

/** What happened to a report, for its history page. */
export interface ReportEventTable {
  id: Generated<string>;
  area_id: string;
  report_id: string;
  action: ReportEventAction;
  note: ColumnType<string, string | undefined, never>;
  actor_account_id: string | null;
  at: CreatedAt;
}

export interface ReportTables {
  report: ReportTable;
  report_part: ReportPartTable;
  report_event: ReportEventTable;
}

// ── Live sessions (issue 15) ─────────────────────────────────────────────────────────────────────

export type LiveInteractionKind = 'choice' | 'word_cloud' | 'scale' | 'open_text' | 'ranking' | 'qanda' | 'board';
export type LiveInteractionState = 'ready' | 'open' | 'locked' | 'closed';
export type LivePostStatus = 'pending' | 'shown' | 'hidden' | 'held';
export type LiveAudience = 'everyone' | 'screen' | 'staff';
export type LiveColour = 'yellow' | 'blue' | 'green' | 'pink' | 'orange' | 'purple';

export interface LiveSessionTable {
  id: Generated<string>;
  area_id: string;
  activity_id: string;
  title: string;
  join_code: string;
  status: ColumnType<'draft' | 'running' | 'ended', 'draft' | 'running' | 'ended' | undefined, 'draft' | 'running' | 'ended'>;
  moderation: ColumnType<'approve' | 'direct', 'approve' | 'direct' | undefined, 'approve' | 'direct'>;
  current_interaction_id: ColumnType<string | null, string | null | undefined, string | null>;
  event_seq: ColumnType<string, never, never>;
  version: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: CreatedAt;
  started_at: NullableTimestamp;
  ended_at: NullableTimestamp;
  contributions_made_at: NullableTimestamp;
}

export interface LiveJoinCodeTable {
  code: string;
  area_id: string;
  session_id: string;
}

export interface LiveInteractionTable {
  id: Generated<string>;
  area_id: string;
  session_id: string;
  position: number;
  kind: LiveInteractionKind;
  prompt: string;
  symbol: string | null;
  /** Checked in code (src/modules/live/interactions.ts): options, scale style, board columns… */
  settings: ColumnType<unknown, string | undefined, string>;
  results_hidden: ColumnType<boolean, boolean | undefined, boolean>;
  revealed_at: NullableTimestamp;
  state: ColumnType<LiveInteractionState, LiveInteractionState | undefined, LiveInteractionState>;
  closed_at: NullableTimestamp;
  frozen_tally: ColumnType<unknown, string | null | undefined, string | null>;
  version: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
}

export interface LiveParticipantTable {
  id: Generated<string>;
  area_id: string;
  session_id: string;
  token_hash: string;
  response_id: string;
  nickname: ColumnType<string, string | undefined, string>;
  group_size: ColumnType<number, number | undefined, number>;
  rules_agreed_at: ColumnType<Date, Date | string, Date | string>;
  joined_at: CreatedAt;
}

export interface LiveAnswerTable {
  area_id: string;
  interaction_id: string;
  participant_id: string;
  value: ColumnType<unknown, string, string>;
  shown_text: ColumnType<string, string | undefined, string>;
  held: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface LiveClusterTable {
  id: Generated<string>;
  area_id: string;
  interaction_id: string;
  title: string;
  column_key: ColumnType<string, string | undefined, string>;
  position: number;
  created_at: CreatedAt;
}

export interface LivePostTable {
  id: Generated<string>;
  area_id: string;
  interaction_id: string;
  participant_id: string | null;
  kind: 'text' | 'question' | 'note';
  original_text: ColumnType<string, string | undefined, string>;
  shown_text: ColumnType<string, string | undefined, string>;
  symbol: string | null;
  colour: ColumnType<LiveColour, LiveColour | undefined, LiveColour>;
  column_key: ColumnType<string, string | undefined, string>;
  cluster_id: ColumnType<string | null, string | null | undefined, string | null>;
  position: ColumnType<number, number | undefined, number>;
  status: ColumnType<LivePostStatus, LivePostStatus | undefined, LivePostStatus>;
  flags: TextArray;
  moderated_by: ColumnType<string | null, string | null | undefined, string | null>;
  moderated_at: NullableTimestamp;
  /** Why a facilitator hid it (may be empty); becomes the contribution's hidden_reason. */
  hidden_reason: ColumnType<string, string | undefined, string>;
  client_key: string;
  version: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface LiveVoteTable {
  area_id: string;
  post_id: string;
  participant_id: string;
  created_at: CreatedAt;
}

export interface LiveEventTable {
  area_id: string;
  session_id: string;
  seq: ColumnType<string, string | number, never>;
  kind: string;
  audience: LiveAudience;
  payload: ColumnType<unknown, string | undefined, never>;
  created_at: CreatedAt;
}

export interface LiveTables {
  live_session: LiveSessionTable;
  live_join_code: LiveJoinCodeTable;
  live_interaction: LiveInteractionTable;
  live_participant: LiveParticipantTable;
  live_answer: LiveAnswerTable;
  live_cluster: LiveClusterTable;
  live_post: LivePostTable;
  live_vote: LiveVoteTable;
  live_event: LiveEventTable;
}

// ── Panels and young inspectors (issue 16) ───────────────────────────────────────────────────────

export type PanelKind = 'interview' | 'grant' | 'inspection';
export type PanelStatus = 'preparing' | 'scoring' | 'decided';
export type PanelMemberKind = 'young_person' | 'parent_carer' | 'staff';
export type PanelOutcome = 'appointed' | 'not_appointed' | 'reserve' | 'funded' | 'part_funded' | 'not_funded';
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;
/** bigint columns come back as strings from pg; write numbers or strings. */
type Pence = ColumnType<string | null, number | string | null | undefined, number | string | null>;

export interface PanelTable {
  id: Generated<string>;
  area_id: string;
  activity_id: string;
  kind: PanelKind;
  title: string;
  purpose: Defaulted<string>;
  youth_weight: Defaulted<number>;
  scale: Defaulted<'faces' | 'stars'>;
  pot_pence: Pence;
  closes_at: NullableTimestamp;
  status: Defaulted<PanelStatus>;
  decision_summary: Defaulted<string>;
  decided_at: NullableTimestamp;
  decided_by: Nullable<string>;
  version: Defaulted<number>;
  created_by: Nullable<string>;
  created_at: CreatedAt;
}

export interface PanelMemberTable {
  id: Generated<string>;
  area_id: string;
  panel_id: string;
  member_kind: PanelMemberKind;
  account_id: Nullable<string>;
  display_name: string;
  age_band: Nullable<string>;
  code_hash: Nullable<string>;
  sees_names: Defaulted<boolean>;
  training_done_at: NullableTimestamp;
  consent_at: NullableTimestamp;
  parental_consent_at: NullableTimestamp;
  parental_consent_by: Nullable<string>;
  parental_consent_note: Defaulted<string>;
  conflict: Nullable<string>;
  conflict_declared_at: NullableTimestamp;
  rules_agreed_at: NullableTimestamp;
  removed_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface PanelMemberSessionTable {
  token_hash: string;
  area_id: string;
  member_id: string;
  expires_at: Timestamp;
  created_at: CreatedAt;
}

export interface PanelCandidateTable {
  id: Generated<string>;
  area_id: string;
  panel_id: string;
  label: string;
  name: string;
  position: number;
  withdrawn_at: NullableTimestamp;
  outcome: Nullable<PanelOutcome>;
  outcome_reason: Defaulted<string>;
  feedback: Defaulted<string>;
  award_pence: Pence;
  decided_at: NullableTimestamp;
  feedback_sent_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface PanelQuestionTable {
  id: Generated<string>;
  area_id: string;
  panel_id: string;
  text: string;
  good_answer: Defaulted<string>;
  symbol: Nullable<string>;
  status: Defaulted<'draft' | 'chosen' | 'dropped'>;
  proposed_by: Nullable<string>;
  position: number;
  created_at: CreatedAt;
}

export interface PanelCriterionTable {
  id: Generated<string>;
  area_id: string;
  panel_id: string;
  title: string;
  description: Defaulted<string>;
  symbol: Nullable<string>;
  weight: Defaulted<number>;
  position: number;
  created_at: CreatedAt;
}

export interface PanelScoresheetTable {
  area_id: string;
  panel_id: string;
  member_id: string;
  candidate_id: string;
  comment: Defaulted<string>;
  submitted_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface PanelScoreTable {
  area_id: string;
  member_id: string;
  candidate_id: string;
  criterion_id: string;
  score: number;
  updated_at: Timestamp;
}

export interface PanelDebriefTable {
  area_id: string;
  panel_id: string;
  member_id: string;
  text: string;
  created_at: CreatedAt;
}

export interface GrantApplicantTable {
  id: Generated<string>;
  area_id: string;
  email: string;
  organisation_name: Defaulted<string>;
  contact_name: Defaulted<string>;
  created_at: CreatedAt;
}

export interface GrantSignInTable {
  token_hash: string;
  area_id: string;
  applicant_id: string;
  kind: 'link' | 'session';
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface GrantQuestionTable {
  id: Generated<string>;
  area_id: string;
  panel_id: string;
  text: string;
  hint: Defaulted<string>;
  max_words: Defaulted<number>;
  position: number;
  created_at: CreatedAt;
}

export interface GrantApplicationTable {
  id: Generated<string>;
  area_id: string;
  panel_id: string;
  applicant_id: string;
  project_title: Defaulted<string>;
  amount_pence: Pence;
  /** { "<grant_question id>": "answer" }, checked in code. */
  answers: ColumnType<unknown, string | undefined, string>;
  status: Defaulted<'draft' | 'submitted' | 'withdrawn'>;
  submitted_at: NullableTimestamp;
  candidate_id: Nullable<string>;
  version: Defaulted<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface TimeGivenTable {
  id: Generated<string>;
  area_id: string;
  activity_id: string;
  account_id: Nullable<string>;
  panel_member_id: Nullable<string>;
  kind: 'panel' | 'inspection';
  source_key: string;
  minutes: number;
  /** 'YYYY-MM-DD' (London). */
  given_on: ColumnType<string, string, string>;
  recorded_by: Nullable<string>;
  created_at: CreatedAt;
}

export interface PanelTables {
  panel: PanelTable;
  panel_member: PanelMemberTable;
  panel_member_session: PanelMemberSessionTable;
  panel_candidate: PanelCandidateTable;
  panel_question: PanelQuestionTable;
  panel_criterion: PanelCriterionTable;
  panel_scoresheet: PanelScoresheetTable;
  panel_score: PanelScoreTable;
  panel_debrief: PanelDebriefTable;
  grant_applicant: GrantApplicantTable;
  grant_sign_in: GrantSignInTable;
  grant_question: GrantQuestionTable;
  grant_application: GrantApplicationTable;
  time_given: TimeGivenTable;
}

export type VisitStatus = 'planned' | 'visited' | 'reported' | 'responded' | 'cancelled';

export interface InspectionProgrammeTable {
  id: Generated<string>;
  area_id: string;
  activity_id: string;
  panel_id: string;
  title: string;
  focus: Defaulted<string>;
  /** { "1": "…", …, "5": "…" }: what each rating means, in the inspectors' words. */
  rating_words: ColumnType<unknown, string | undefined, string>;
  reinspect_at_or_below: Defaulted<number>;
  reinspect_after_days: Defaulted<number>;
  standard_at_or_above: Defaulted<number>;
  version: Defaulted<number>;
  created_by: Nullable<string>;
  created_at: CreatedAt;
}

export interface InspectionCriterionTable {
  id: Generated<string>;
  area_id: string;
  programme_id: string;
  title: string;
  good_looks_like: Defaulted<string>;
  symbol: Nullable<string>;
  status: Defaulted<'proposed' | 'agreed' | 'dropped'>;
  proposed_by: Nullable<string>;
  position: number;
  created_at: CreatedAt;
}

export interface InspectionProviderTable {
  id: Generated<string>;
  area_id: string;
  name: string;
  venue: Defaulted<string>;
  contact_email: Defaulted<string>;
  created_at: CreatedAt;
}

export interface InspectionVisitTable {
  id: Generated<string>;
  area_id: string;
  programme_id: string;
  provider_id: string;
  activity_id: string;
  reinspection_of: Nullable<string>;
  status: Defaulted<VisitStatus>;
  visited_at: NullableTimestamp;
  summary: Defaulted<string>;
  easy_read_summary: Defaulted<string>;
  /** numeric(2,1): pg returns a string ('3.5'). */
  overall_rating: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  reported_at: NullableTimestamp;
  provider_token_hash: Nullable<string>;
  provider_token_expires_at: NullableTimestamp;
  provider_response: Defaulted<string>;
  provider_responded_at: NullableTimestamp;
  findings_made_at: NullableTimestamp;
  version: Defaulted<number>;
  created_by: Nullable<string>;
  created_at: CreatedAt;
}

export interface InspectionRatingTable {
  area_id: string;
  visit_id: string;
  criterion_id: string;
  member_id: string;
  rating: Nullable<number>;
  note: Defaulted<string>;
  updated_at: Timestamp;
}

export interface InspectionPhotoTable {
  id: Generated<string>;
  area_id: string;
  visit_id: string;
  member_id: Nullable<string>;
  criterion_id: Nullable<string>;
  bytes: Buffer;
  mime: 'image/webp';
  width: number;
  height: number;
  sha256: string;
  alt_text: string;
  created_at: CreatedAt;
}

export interface InspectionActionTable {
  id: Generated<string>;
  area_id: string;
  visit_id: string;
  action: string;
  /** 'YYYY-MM-DD'. */
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
  done_at: NullableTimestamp;
  position: number;
  created_at: CreatedAt;
}

export interface InspectionTables {
  inspection_programme: InspectionProgrammeTable;
  inspection_criterion: InspectionCriterionTable;
  inspection_provider: InspectionProviderTable;
  inspection_visit: InspectionVisitTable;
  inspection_rating: InspectionRatingTable;
  inspection_photo: InspectionPhotoTable;
  inspection_action: InspectionActionTable;
}


/** One person of the recognition ledger (migration 2026-12-05T1500): exactly one of the three. */
interface PersonColumns {
  account_id: Nullable<string>;
  panel_member_id: Nullable<string>;
  signup_id: Nullable<string>;
  /** 'a:<account>', 'm:<panel member>' or 's:<sign-up>' (generated). */
  person_key: ColumnType<string, never, never>;
}

export interface YoungPersonTable {
  id: Generated<string>;
  area_id: string;
  account_id: string;
  age_band: string;
  thirteen_or_over: Defaulted<boolean>;
  code_hash: Nullable<string>;
  pictures_hash: Nullable<string>;
  managed_by: Nullable<string>;
  parents_see: Nullable<boolean>;
  parents_choice_at: NullableTimestamp;
  created_by: Nullable<string>;
  created_at: CreatedAt;
  version: Defaulted<number>;
}

export interface YoungGuardianTable {
  id: Generated<string>;
  area_id: string;
  young_person_id: string;
  account_id: string;
  created_at: CreatedAt;
}

export interface YoungSetupLinkTable {
  id: Generated<string>;
  area_id: string;
  young_person_id: string;
  email: string;
  token_hash: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_by: Nullable<string>;
  created_at: CreatedAt;
}

export interface AttendanceTable extends PersonColumns {
  id: Generated<string>;
  area_id: string;
  activity_id: string;
  recorded_by: Nullable<string>;
  created_at: CreatedAt;
}

export interface ThanksTable extends PersonColumns {
  id: Generated<string>;
  area_id: string;
  activity_id: string;
  message: string;
  symbol: Nullable<string>;
  channel: Defaulted<'page' | 'email' | 'sms' | 'supporter'>;
  sent_by: Nullable<string>;
  sent_at: Timestamp;
}

export interface RecognitionBudgetTable {
  id: Generated<string>;
  area_id: string;
  name: string;
  organisation_id: Nullable<string>;
  activity_id: Nullable<string>;
  /** bigint: pg returns a string. */
  amount_pence: ColumnType<string, number | string, number | string>;
  version: Defaulted<number>;
  created_by: Nullable<string>;
  created_at: CreatedAt;
}

export interface RewardRuleTable {
  id: Generated<string>;
  area_id: string;
  earned_by: 'attended' | 'time_given';
  kind: 'voucher' | 'payment';
  value_pence: number;
  voucher_type: Defaulted<string>;
  budget_id: string;
  activity_type: Nullable<string>;
  active: Defaulted<boolean>;
  created_by: Nullable<string>;
  created_at: CreatedAt;
}

export type RewardStatus = 'proposed' | 'approved' | 'issued' | 'received' | 'declined';

export interface RewardTable extends PersonColumns {
  id: Generated<string>;
  area_id: string;
  activity_id: string;
  kind: 'voucher' | 'payment';
  value_pence: number;
  voucher_type: Defaulted<string>;
  budget_id: string;
  rule_id: Nullable<string>;
  status: Defaulted<RewardStatus>;
  proposed_at: Timestamp;
  approved_by: Nullable<string>;
  approved_at: NullableTimestamp;
  issued_by: Nullable<string>;
  issued_at: NullableTimestamp;
  received_at: NullableTimestamp;
  voucher_code: Nullable<string>;
  code_by_email_at: NullableTimestamp;
}

export interface NameConsentTable extends PersonColumns {
  id: Generated<string>;
  area_id: string;
  name: string;
  given_by: 'self' | 'parent_carer';
  recorded_by: Nullable<string>;
  consented_at: Timestamp;
  withdrawn_at: NullableTimestamp;
}

export interface CertificateTable extends PersonColumns {
  id: Generated<string>;
  area_id: string;
  activity_id: Nullable<string>;
  name_consent_id: string;
  title: string;
  what_they_did: string;
  minutes: Defaulted<number>;
  issued_by: Nullable<string>;
  issued_at: Timestamp;
}

export interface RecognitionSettingTable {
  area_id: string;
  thanks_due_days: Defaulted<number>;
  version: Defaulted<number>;
}

export interface RecognitionTables {
  young_person: YoungPersonTable;
  young_guardian: YoungGuardianTable;
  young_setup_link: YoungSetupLinkTable;
  attendance: AttendanceTable;
  thanks: ThanksTable;
  recognition_budget: RecognitionBudgetTable;
  reward_rule: RewardRuleTable;
  reward: RewardTable;
  name_consent: NameConsentTable;
  certificate: CertificateTable;
  recognition_setting: RecognitionSettingTable;
}

export interface ProfileTable {
  id: Generated<string>;
  area_id: string;
  young_person_id: string;
  kind: 'all_about_me' | 'my_views';
  title: Defaulted<string>;
  current_version: Defaulted<number>;
  created_at: CreatedAt;
}

export interface ProfileVersionTable {
  id: Generated<string>;
  area_id: string;
  profile_id: string;
  version: number;
  content: ColumnType<unknown, string, string>;
  made_by: Nullable<string>;
  made_at: Timestamp;
}

export interface ProfilePhotoTable {
  id: Generated<string>;
  area_id: string;
  profile_id: string;
  image: Buffer;
  width: number;
  height: number;
  alt: Defaulted<string>;
  created_at: CreatedAt;
}

export interface ProfileShareTable {
  id: Generated<string>;
  area_id: string;
  profile_id: string;
  account_id: Nullable<string>;
  email: Nullable<string>;
  token_hash: Nullable<string>;
  role_words: Defaulted<string>;
  shared_by: Nullable<string>;
  shared_at: Timestamp;
  revoked_by: Nullable<string>;
  revoked_at: NullableTimestamp;
}

export interface VolunteerTable {
  id: Generated<string>;
  area_id: string;
  account_id: Nullable<string>;
  organisation_id: Nullable<string>;
  kind: Defaulted<'volunteer' | 'support_worker'>;
  display_name: string;
  about: Defaulted<string>;
  interests: ColumnType<string[], string[] | undefined, string[]>;
  skills: ColumnType<string[], string[] | undefined, string[]>;
  /** What they are like (calm, chatty…), as codes: 2026-12-05T1540_volunteer_traits. */
  traits: ColumnType<string[], string[] | undefined, string[]>;
  availability: Defaulted<string>;
  photo: Nullable<Buffer>;
  dbs_checked_on: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  dbs_recorded_by: Nullable<string>;
  active: Defaulted<boolean>;
  version: Defaulted<number>;
  created_at: CreatedAt;
}

export interface MatchRequestTable {
  id: Generated<string>;
  area_id: string;
  young_person_id: string;
  wishes: ColumnType<string[], string[] | undefined, string[]>;
  words: Defaulted<string>;
  status: Defaulted<'open' | 'matched' | 'closed'>;
  created_at: CreatedAt;
}

export interface IntroductionTable {
  id: Generated<string>;
  area_id: string;
  match_request_id: string;
  volunteer_id: string;
  chosen_at: Timestamp;
  meets_at: NullableTimestamp;
  met_at: NullableTimestamp;
  feeling: Nullable<number>;
  words: Defaulted<string>;
  carry_on: Nullable<'yes' | 'no' | 'not_sure'>;
  said_at: NullableTimestamp;
  said_by: Nullable<string>;
  confirmed_at: NullableTimestamp;
  confirmed_by: Nullable<string>;
  ended_at: NullableTimestamp;
}

export interface ProfileTables {
  profile: ProfileTable;
  profile_version: ProfileVersionTable;
  profile_photo: ProfilePhotoTable;
  profile_share: ProfileShareTable;
  volunteer: VolunteerTable;
  match_request: MatchRequestTable;
  introduction: IntroductionTable;
}

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
  created_at: CreatedAt;
}

export interface AccountTable {
  id: Generated<string>;
  email: string;
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

export interface Database {
  area: AreaTable;
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
}

export type Db = Kysely<Database>;
/** A transaction in which app.area_id is set: the only way to touch an area's rows. */
export type AreaTx = Transaction<Database> & { readonly __area: unique symbol };

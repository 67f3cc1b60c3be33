/**
 * SQL for areas, organisations, the charter, forums and boards. Every function on an area-owned
 * table takes the area id and runs inside withArea (row-level security is the second lock).
 */
import { sql } from 'kysely';
import type { AreaTx, Db } from '../../db/database.ts';
import { pictureRef, symbolSrc } from '../../lib/symbols.ts';
import type { PublicArea } from '../../plugins/types.ts';

const areaColumns = ['id', 'slug', 'name', 'brand_colour', 'contact_email', 'is_demo', 'logo_picture_id', 'public_version'] as const;

function toArea(row: { id: string; slug: string; name: string; brand_colour: string; contact_email: string; is_demo: boolean; logo_picture_id: string | null; public_version: string }): PublicArea {
  return {
    id: row.id, slug: row.slug, name: row.name, brandColour: row.brand_colour, contactEmail: row.contact_email, isDemo: row.is_demo, publicVersion: row.public_version,
    // The logo is served like a picture symbol: an immutable address (a new logo is a new picture).
    logoUrl: row.logo_picture_id ? symbolSrc(pictureRef(row.id, row.logo_picture_id)) : undefined,
  };
}

export async function findAreaBySlug(db: Db, slug: string): Promise<PublicArea | undefined> {
  const row = await db.selectFrom('area').select(areaColumns).where('slug', '=', slug).executeTakeFirst();
  return row && toArea(row);
}

export async function findAreaById(db: Db, areaId: string): Promise<PublicArea | undefined> {
  const row = await db.selectFrom('area').select(areaColumns).where('id', '=', areaId).executeTakeFirst();
  return row && toArea(row);
}

export async function listAreas(db: Db): Promise<PublicArea[]> {
  return (await db.selectFrom('area').select(areaColumns).orderBy('name').execute()).map(toArea);
}

export async function insertArea(db: Db, values: { slug: string; name: string; contactEmail: string; isDemo: boolean; brandColour?: string }): Promise<PublicArea> {
  const row = await db
    .insertInto('area')
    .values({ slug: values.slug, name: values.name, contact_email: values.contactEmail, is_demo: values.isDemo, ...(values.brandColour ? { brand_colour: values.brandColour } : {}) })
    .returning(areaColumns)
    .executeTakeFirstOrThrow();
  return toArea(row);
}

export type Organisation = { id: string; name: string; kind: string };

export async function listOrganisations(tx: AreaTx, areaId: string): Promise<Organisation[]> {
  return tx.selectFrom('organisation').select(['id', 'name', 'kind']).where('area_id', '=', areaId).orderBy('name').execute();
}

export async function insertOrganisation(tx: AreaTx, areaId: string, values: { name: string; kind: string }): Promise<Organisation> {
  return tx.insertInto('organisation').values({ area_id: areaId, name: values.name, kind: values.kind }).returning(['id', 'name', 'kind']).executeTakeFirstOrThrow();
}

export type Commitment = { party: 'everyone' | 'organisations' | 'forum'; text: string };
export type Principle = { id: string; position: number; title: string; description: string; easyRead: string; symbol: string | null; commitments: Commitment[] };
export type Signature = { id: string; organisationId: string; organisationName: string; signedByName: string; signedByRole: string; signedOn: string };
export type Charter = {
  id: string;
  templateKey: string;
  title: string;
  introduction: string;
  easyReadIntroduction: string;
  sourceNote: string;
  version: number;
  updatedAt: Date;
  principles: Principle[];
  signatures: Signature[];
};

/** The whole charter in four queries, however many principles and signatures it has. */
export async function findCharter(tx: AreaTx, areaId: string): Promise<Charter | undefined> {
  const charter = await tx.selectFrom('charter').selectAll().where('area_id', '=', areaId).executeTakeFirst();
  if (!charter) return undefined;
  const principles = await tx
    .selectFrom('charter_principle')
    .select(['id', 'position', 'title', 'description', 'easy_read', 'symbol'])
    .where('area_id', '=', areaId)
    .where('charter_id', '=', charter.id)
    .orderBy('position')
    .execute();
  const commitments = await tx
    .selectFrom('charter_commitment')
    .select(['principle_id', 'party', 'text'])
    .where('area_id', '=', areaId)
    .orderBy('position')
    .execute();
  const signatures = await tx
    .selectFrom('charter_signature')
    .innerJoin('organisation', 'organisation.id', 'charter_signature.organisation_id')
    .select(['charter_signature.id', 'charter_signature.organisation_id', 'organisation.name', 'signed_by_name', 'signed_by_role', 'signed_on'])
    .where('charter_signature.area_id', '=', areaId)
    .orderBy('signed_on')
    .orderBy('organisation.name')
    .execute();
  return {
    id: charter.id,
    templateKey: charter.template_key,
    title: charter.title,
    introduction: charter.introduction,
    easyReadIntroduction: charter.easy_read_introduction,
    sourceNote: charter.source_note,
    version: charter.version,
    updatedAt: charter.updated_at,
    principles: principles.map((p) => ({
      id: p.id,
      position: p.position,
      title: p.title,
      description: p.description,
      easyRead: p.easy_read,
      symbol: p.symbol,
      commitments: commitments.filter((c) => c.principle_id === p.id).map((c) => ({ party: c.party, text: c.text })),
    })),
    signatures: signatures.map((s) => ({
      id: s.id,
      organisationId: s.organisation_id,
      organisationName: s.name,
      signedByName: s.signed_by_name,
      signedByRole: s.signed_by_role,
      signedOn: s.signed_on,
    })),
  };
}

export type CharterContent = {
  templateKey: string;
  title: string;
  introduction: string;
  easyReadIntroduction: string;
  sourceNote: string;
  principles: Array<{ title: string; description: string; easyRead: string; symbol: string | null; commitments: Commitment[] }>;
};

/** Replaces the charter's text and principles; signatures stay. */
export async function replaceCharter(tx: AreaTx, areaId: string, content: CharterContent): Promise<void> {
  const charter = await tx
    .insertInto('charter')
    .values({
      area_id: areaId,
      template_key: content.templateKey,
      title: content.title,
      introduction: content.introduction,
      easy_read_introduction: content.easyReadIntroduction,
      source_note: content.sourceNote,
      updated_at: sql<Date>`now()` as never,
    })
    .onConflict((oc) =>
      oc.column('area_id').doUpdateSet({
        template_key: content.templateKey,
        title: content.title,
        introduction: content.introduction,
        easy_read_introduction: content.easyReadIntroduction,
        source_note: content.sourceNote,
        version: sql<number>`charter.version + 1`,
        updated_at: sql<Date>`now()` as never,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.deleteFrom('charter_principle').where('area_id', '=', areaId).execute();
  for (const [index, principle] of content.principles.entries()) {
    await insertPrinciple(tx, areaId, charter.id, index + 1, principle);
  }
}

async function insertPrinciple(
  tx: AreaTx,
  areaId: string,
  charterId: string,
  position: number,
  principle: { title: string; description: string; easyRead: string; symbol: string | null; commitments: Commitment[] },
): Promise<string> {
  const row = await tx
    .insertInto('charter_principle')
    .values({ area_id: areaId, charter_id: charterId, position, title: principle.title, description: principle.description, easy_read: principle.easyRead, symbol: principle.symbol })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (principle.commitments.length > 0) {
    await tx
      .insertInto('charter_commitment')
      .values(principle.commitments.map((c, i) => ({ area_id: areaId, principle_id: row.id, position: i + 1, party: c.party, text: c.text })))
      .execute();
  }
  return row.id;
}

export async function updateCharterText(tx: AreaTx, areaId: string, values: { title: string; introduction: string; easyReadIntroduction: string }): Promise<void> {
  await tx
    .updateTable('charter')
    .set({ title: values.title, introduction: values.introduction, easy_read_introduction: values.easyReadIntroduction, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` as never })
    .where('area_id', '=', areaId)
    .execute();
}

export async function savePrinciple(
  tx: AreaTx,
  areaId: string,
  principleId: string | null,
  values: { title: string; description: string; easyRead: string; symbol: string | null; commitments: Commitment[] },
): Promise<boolean> {
  const charter = await tx.selectFrom('charter').select('id').where('area_id', '=', areaId).executeTakeFirst();
  if (!charter) return false;
  if (!principleId) {
    const last = await tx.selectFrom('charter_principle').select(sql<number>`coalesce(max(position), 0)`.as('max')).where('area_id', '=', areaId).executeTakeFirstOrThrow();
    await insertPrinciple(tx, areaId, charter.id, Number(last.max) + 1, values);
  } else {
    const updated = await tx
      .updateTable('charter_principle')
      .set({ title: values.title, description: values.description, easy_read: values.easyRead, symbol: values.symbol })
      .where('area_id', '=', areaId)
      .where('id', '=', principleId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await tx.deleteFrom('charter_commitment').where('area_id', '=', areaId).where('principle_id', '=', principleId).execute();
    if (values.commitments.length > 0) {
      await tx
        .insertInto('charter_commitment')
        .values(values.commitments.map((c, i) => ({ area_id: areaId, principle_id: principleId, position: i + 1, party: c.party, text: c.text })))
        .execute();
    }
  }
  await tx.updateTable('charter').set({ version: sql<number>`version + 1`, updated_at: sql<Date>`now()` as never }).where('area_id', '=', areaId).execute();
  return true;
}

export async function deletePrinciple(tx: AreaTx, areaId: string, principleId: string): Promise<boolean> {
  const result = await tx.deleteFrom('charter_principle').where('area_id', '=', areaId).where('id', '=', principleId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function upsertSignature(
  tx: AreaTx,
  areaId: string,
  values: { organisationId: string; signedByName: string; signedByRole: string; signedOn: string; recordedBy: string },
): Promise<void> {
  await tx
    .insertInto('charter_signature')
    .values({ area_id: areaId, organisation_id: values.organisationId, signed_by_name: values.signedByName, signed_by_role: values.signedByRole, signed_on: values.signedOn, recorded_by: values.recordedBy })
    .onConflict((oc) =>
      oc.columns(['area_id', 'organisation_id']).doUpdateSet({ signed_by_name: values.signedByName, signed_by_role: values.signedByRole, signed_on: values.signedOn, recorded_by: values.recordedBy }),
    )
    .execute();
}

export async function deleteSignature(tx: AreaTx, areaId: string, signatureId: string): Promise<boolean> {
  const result = await tx.deleteFrom('charter_signature').where('area_id', '=', areaId).where('id', '=', signatureId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export type Forum = { id: string; name: string; audience: 'young_people' | 'parent_carers' | 'mixed'; description: string; easyRead: string; meets: string; boardIds: string[] };
export type Board = { id: string; name: string; description: string; forumIds: string[] };

/** Forums, boards and the links between them, in three queries. */
export async function listForumsAndBoards(tx: AreaTx, areaId: string): Promise<{ forums: Forum[]; boards: Board[] }> {
  const forums = await tx.selectFrom('forum').selectAll().where('area_id', '=', areaId).orderBy('position').orderBy('name').execute();
  const boards = await tx.selectFrom('board').selectAll().where('area_id', '=', areaId).orderBy('position').orderBy('name').execute();
  const links = await tx.selectFrom('forum_board').select(['forum_id', 'board_id']).where('area_id', '=', areaId).execute();
  return {
    forums: forums.map((f) => ({
      id: f.id,
      name: f.name,
      audience: f.audience,
      description: f.description,
      easyRead: f.easy_read,
      meets: f.meets,
      boardIds: links.filter((l) => l.forum_id === f.id).map((l) => l.board_id),
    })),
    boards: boards.map((b) => ({ id: b.id, name: b.name, description: b.description, forumIds: links.filter((l) => l.board_id === b.id).map((l) => l.forum_id) })),
  };
}

export async function insertBoard(tx: AreaTx, areaId: string, values: { name: string; description: string }): Promise<string> {
  const row = await tx.insertInto('board').values({ area_id: areaId, name: values.name, description: values.description }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertForum(
  tx: AreaTx,
  areaId: string,
  values: { name: string; audience: Forum['audience']; description: string; easyRead: string; meets: string; boardIds: string[] },
): Promise<string> {
  const row = await tx
    .insertInto('forum')
    .values({ area_id: areaId, name: values.name, audience: values.audience, description: values.description, easy_read: values.easyRead, meets: values.meets })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (values.boardIds.length > 0) {
    await tx.insertInto('forum_board').values(values.boardIds.map((boardId) => ({ area_id: areaId, forum_id: row.id, board_id: boardId }))).execute();
  }
  return row.id;
}

export type AreaSettings = { feedbackWeeks: number; minNoticeDays: number };

export async function findSettings(db: Db, areaId: string): Promise<AreaSettings | undefined> {
  const row = await db.selectFrom('area').select(['feedback_weeks', 'min_notice_days']).where('id', '=', areaId).executeTakeFirst();
  return row && { feedbackWeeks: row.feedback_weeks, minNoticeDays: row.min_notice_days };
}

export async function updateSettings(tx: AreaTx, areaId: string, values: AreaSettings): Promise<void> {
  await tx.updateTable('area').set({ feedback_weeks: values.feedbackWeeks, min_notice_days: values.minNoticeDays }).where('id', '=', areaId).execute();
}

/** The area's notice period and school day, which activities' planning checks are measured against. */
export type PlanningSettings = {
  minNoticeDays: number;
  /** 'HH:MM' (or 'HH:MM:SS') London times. */
  schoolDayStarts: string;
  schoolDayEnds: string;
  dropOffStarts: string;
  dropOffEnds: string;
  pickUpStarts: string;
  pickUpEnds: string;
};

/** The area's planning settings (the area row itself has no area_id column: it is the area). */
export async function findPlanningSettings(tx: AreaTx, areaId: string): Promise<PlanningSettings | undefined> {
  const row = await tx
    .selectFrom('area')
    .select(['min_notice_days', 'school_day_starts', 'school_day_ends', 'drop_off_starts', 'drop_off_ends', 'pick_up_starts', 'pick_up_ends'])
    .where('id', '=', areaId)
    .executeTakeFirst();
  return (
    row && {
      minNoticeDays: row.min_notice_days,
      schoolDayStarts: row.school_day_starts,
      schoolDayEnds: row.school_day_ends,
      dropOffStarts: row.drop_off_starts,
      dropOffEnds: row.drop_off_ends,
      pickUpStarts: row.pick_up_starts,
      pickUpEnds: row.pick_up_ends,
    }
  );
}

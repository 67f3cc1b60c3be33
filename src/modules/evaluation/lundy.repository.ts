/**
 * SQL for the Lundy checklist: the area's choice of checklist and wording (lundy_setting) and each
 * activity's answers (lundy_answer). Every function takes the area id and runs inside withArea.
 */
import { sql } from 'kysely';
import type { AreaTx } from '../../db/database.ts';
import type { LundyAnswer, LundyElement } from './data/lundy.ts';

export type LundySetting = { templateId: string; wording: Record<string, string>; version: number; updatedAt: Date | null };

export async function findSetting(tx: AreaTx, areaId: string): Promise<LundySetting | undefined> {
  const row = await tx.selectFrom('lundy_setting').select(['template_id', 'wording', 'version', 'updated_at']).where('area_id', '=', areaId).executeTakeFirst();
  return row && { templateId: row.template_id, wording: row.wording ?? {}, version: row.version, updatedAt: row.updated_at };
}

/** Saves the area's choice; false when someone else saved since `version` was read (0: never saved). */
export async function saveSetting(tx: AreaTx, areaId: string, actorId: string | null, templateId: string, wording: Record<string, string>, version: number): Promise<boolean> {
  const now = new Date();
  if (version === 0) {
    const inserted = await tx
      .insertInto('lundy_setting')
      .values({ area_id: areaId, template_id: templateId, wording: JSON.stringify(wording), updated_by: actorId, updated_at: now })
      .onConflict((oc) => oc.column('area_id').doNothing())
      .returning('area_id')
      .executeTakeFirst();
    return Boolean(inserted);
  }
  const updated = await tx
    .updateTable('lundy_setting')
    .set({ template_id: templateId, wording: JSON.stringify(wording), updated_by: actorId, updated_at: now, version: version + 1 })
    .where('area_id', '=', areaId)
    .where('version', '=', version)
    .returning('area_id')
    .executeTakeFirst();
  return Boolean(updated);
}

export type StoredAnswer = {
  itemId: string;
  proposed: LundyAnswer | null;
  proposedReason: string;
  answer: LundyAnswer;
  note: string;
  answeredBy: string | null;
  answeredAt: Date;
};

export async function listAnswers(tx: AreaTx, areaId: string, activityId: string, templateId: string): Promise<StoredAnswer[]> {
  const rows = await tx
    .selectFrom('lundy_answer')
    .select(['item_id', 'proposed', 'proposed_reason', 'answer', 'note', 'answered_by', 'answered_at'])
    .where('area_id', '=', areaId)
    .where('activity_id', '=', activityId)
    .where('template_id', '=', templateId)
    .execute();
  return rows.map((r) => ({
    itemId: r.item_id,
    proposed: r.proposed as LundyAnswer | null,
    proposedReason: r.proposed_reason,
    answer: r.answer as LundyAnswer,
    note: r.note,
    answeredBy: r.answered_by,
    answeredAt: r.answered_at,
  }));
}

export type AnswerInput = { itemId: string; proposed: LundyAnswer | null; proposedReason: string; answer: LundyAnswer; note: string };

/**
 * Saves these answers. An answer (or note) that did not change keeps its person and time: saving the
 * page again does not make the last person to press the button the author of every answer.
 */
export async function saveAnswers(tx: AreaTx, areaId: string, activityId: string, templateId: string, actorId: string | null, answers: readonly AnswerInput[]): Promise<number> {
  if (answers.length === 0) return 0;
  const rows = await tx
    .insertInto('lundy_answer')
    .values(
      answers.map((a) => ({
        area_id: areaId,
        activity_id: activityId,
        template_id: templateId,
        item_id: a.itemId,
        proposed: a.proposed,
        proposed_reason: a.proposedReason,
        answer: a.answer,
        note: a.note,
        answered_by: actorId,
        answered_at: new Date(),
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['area_id', 'activity_id', 'template_id', 'item_id'])
        .doUpdateSet((eb) => ({
          proposed: eb.ref('excluded.proposed'),
          proposed_reason: eb.ref('excluded.proposed_reason'),
          answer: eb.ref('excluded.answer'),
          note: eb.ref('excluded.note'),
          answered_by: eb.ref('excluded.answered_by'),
          answered_at: eb.ref('excluded.answered_at'),
        }))
        .where((eb) => eb.or([eb('lundy_answer.answer', '<>', eb.ref('excluded.answer')), eb('lundy_answer.note', '<>', eb.ref('excluded.note'))])),
    )
    .returning('item_id')
    .execute();
  return rows.length;
}

/** Per activity and element: points (yes 1, partly ½, no 0) and how many answers count (not "not applicable"). */
export type ElementTally = { activityId: string; element: LundyElement; points: number; counted: number; answered: number; overrides: number };

/**
 * Every answered activity's tally per element for the area's checklist, in one query. The element is
 * the second part of the item id ("lundy.space.q1", "norfolk.voice.time", "chorus.influence.x").
 */
export async function elementTallies(tx: AreaTx, areaId: string, templateId: string): Promise<ElementTally[]> {
  const { rows } = await sql<{ activity_id: string; element: LundyElement; points: string; counted: string; answered: string; overrides: string }>`
    SELECT activity_id, split_part(item_id, '.', 2) AS element,
      coalesce(sum(CASE answer WHEN 'yes' THEN 1 WHEN 'partly' THEN 0.5 WHEN 'no' THEN 0 END), 0) AS points,
      count(*) FILTER (WHERE answer <> 'not_applicable') AS counted,
      count(*) AS answered,
      count(*) FILTER (WHERE proposed IS NOT NULL AND proposed <> answer) AS overrides
    FROM lundy_answer
    WHERE area_id = ${areaId} AND template_id = ${templateId}
    GROUP BY activity_id, split_part(item_id, '.', 2)
  `.execute(tx);
  return rows.map((r) => ({ activityId: r.activity_id, element: r.element, points: Number(r.points), counted: Number(r.counted), answered: Number(r.answered), overrides: Number(r.overrides) }));
}

/**
 * Areas (tenants), their member organisations, the co-production charter, forums and boards.
 */
import type { AreaTx, Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import type { PublicArea } from '../../plugins/types.ts';
import { audit } from '../privacy/audit.service.ts';
import { findTemplate, type CharterTemplate } from './charter-templates.ts';
import * as repo from './areas.repository.ts';

export type { Charter, Principle, Signature, Organisation, Forum, Board, Commitment } from './areas.repository.ts';
// Photos uploaded elsewhere (young inspectors' photos of a place, issue 16) are re-encoded the same way.
export { ImageError, MAX_UPLOAD_BYTES, MAX_UPLOAD_MB, reencodeImage, type EncodedImage } from './pictures.image.ts';

export function findAreaBySlug(db: Db, slug: string): Promise<PublicArea | undefined> {
  return repo.findAreaBySlug(db, slug);
}

/** An area by its id (the reports module names the area on a report's cover). */
export function findAreaById(db: Db, areaId: string): Promise<PublicArea | undefined> {
  return repo.findAreaById(db, areaId);
}

export function listAreas(db: Db): Promise<PublicArea[]> {
  return repo.listAreas(db);
}

export class SlugTakenError extends Error {}

/** Creates an area (operator only) with the Four Cornerstones charter as a starting point. */
export async function createArea(db: Db, values: { slug: string; name: string; contactEmail: string; isDemo?: boolean; brandColour?: string }): Promise<PublicArea> {
  if (await repo.findAreaBySlug(db, values.slug)) throw new SlugTakenError(values.slug);
  const area = await repo.insertArea(db, { ...values, isDemo: values.isDemo ?? false });
  await withArea(db, area.id, (tx) => repo.replaceCharter(tx, area.id, templateContent(findTemplate('four_cornerstones')!)));
  return area;
}

function templateContent(template: CharterTemplate): repo.CharterContent {
  return {
    templateKey: template.key,
    title: template.title,
    introduction: template.introduction,
    easyReadIntroduction: template.easyReadIntroduction,
    sourceNote: [template.source.citation, template.source.note].filter(Boolean).join(' '),
    principles: template.principles.map((p) => ({ title: p.title, description: p.description, easyRead: p.easyRead, symbol: p.symbol, commitments: p.commitments })),
  };
}

export function listOrganisations(db: Db, areaId: string): Promise<repo.Organisation[]> {
  return withArea(db, areaId, (tx) => repo.listOrganisations(tx, areaId));
}

export class OrganisationExistsError extends Error {}

export async function addOrganisation(db: Db, areaId: string, actorId: string | null, values: { name: string; kind: string }): Promise<repo.Organisation> {
  return withArea(db, areaId, async (tx) => {
    const existing = await repo.listOrganisations(tx, areaId);
    if (existing.some((o) => o.name.toLowerCase() === values.name.toLowerCase())) throw new OrganisationExistsError(values.name);
    const organisation = await repo.insertOrganisation(tx, areaId, values);
    await audit(tx, areaId, actorId, 'organisation.added', { type: 'organisation', id: organisation.id });
    return organisation;
  });
}

export function findCharter(db: Db, areaId: string): Promise<repo.Charter | undefined> {
  return withArea(db, areaId, (tx) => repo.findCharter(tx, areaId));
}

export async function applyTemplate(db: Db, areaId: string, actorId: string, templateKey: string): Promise<CharterTemplate> {
  const template = findTemplate(templateKey);
  if (!template) throw new NotFoundError('template');
  await withArea(db, areaId, async (tx) => {
    await repo.replaceCharter(tx, areaId, templateContent(template));
    await audit(tx, areaId, actorId, 'charter.template_applied', { type: 'charter', detail: { template: template.key } });
  });
  return template;
}

/**
 * Edits the charter's title and introductions. `version` is the version the editor started from:
 * if someone else saved in between, ConflictError, so nobody's change is silently overwritten.
 */
export async function editCharterText(
  db: Db,
  areaId: string,
  actorId: string,
  version: number,
  values: { title: string; introduction: string; easyReadIntroduction: string },
): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const current = await repo.findCharter(tx, areaId);
    if (!current) throw new NotFoundError('charter');
    if (current.version !== version) throw new ConflictError('charter changed');
    await repo.updateCharterText(tx, areaId, values);
    await audit(tx, areaId, actorId, 'charter.edited', { type: 'charter', id: current.id });
  });
}

export async function savePrinciple(
  db: Db,
  areaId: string,
  actorId: string,
  principleId: string | null,
  values: { title: string; description: string; easyRead: string; symbol: string | null; commitments: repo.Commitment[] },
): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    if (!(await repo.savePrinciple(tx, areaId, principleId, values))) throw new NotFoundError('principle');
    await audit(tx, areaId, actorId, 'charter.edited', { type: 'charter_principle', id: principleId });
  });
}

export async function deletePrinciple(db: Db, areaId: string, actorId: string, principleId: string): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    if (!(await repo.deletePrinciple(tx, areaId, principleId))) throw new NotFoundError('principle');
    await audit(tx, areaId, actorId, 'charter.edited', { type: 'charter_principle', id: principleId, detail: { deleted: true } });
  });
}

export async function recordSignature(
  db: Db,
  areaId: string,
  actorId: string,
  values: { organisationId: string; signedByName: string; signedByRole: string; signedOn: string },
): Promise<repo.Organisation> {
  return withArea(db, areaId, async (tx) => {
    const organisation = (await repo.listOrganisations(tx, areaId)).find((o) => o.id === values.organisationId);
    if (!organisation) throw new NotFoundError('organisation');
    await repo.upsertSignature(tx, areaId, { ...values, recordedBy: actorId });
    await audit(tx, areaId, actorId, 'charter.signed', { type: 'organisation', id: organisation.id });
    return organisation;
  });
}

export async function withdrawSignature(db: Db, areaId: string, actorId: string, signatureId: string): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    if (!(await repo.deleteSignature(tx, areaId, signatureId))) throw new NotFoundError('signature');
    await audit(tx, areaId, actorId, 'charter.signature_withdrawn', { type: 'charter_signature', id: signatureId });
  });
}

export function listForumsAndBoards(db: Db, areaId: string): Promise<{ forums: repo.Forum[]; boards: repo.Board[] }> {
  return withArea(db, areaId, (tx) => repo.listForumsAndBoards(tx, areaId));
}

export async function addBoard(db: Db, areaId: string, actorId: string, values: { name: string; description: string }): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const id = await repo.insertBoard(tx, areaId, values);
    await audit(tx, areaId, actorId, 'board.added', { type: 'board', id });
  });
}

export async function addForum(
  db: Db,
  areaId: string,
  actorId: string,
  values: { name: string; audience: repo.Forum['audience']; description: string; easyRead: string; meets: string; boardIds: string[] },
): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const { boards } = await repo.listForumsAndBoards(tx, areaId);
    const known = new Set(boards.map((b) => b.id));
    if (!values.boardIds.every((id) => known.has(id))) throw new NotFoundError('board');
    const id = await repo.insertForum(tx, areaId, values);
    await audit(tx, areaId, actorId, 'forum.added', { type: 'forum', id });
  });
}

export function findSettings(db: Db, areaId: string): Promise<repo.AreaSettings | undefined> {
  return repo.findSettings(db, areaId);
}

export type { PlanningSettings } from './areas.repository.ts';

/** The area's notice period and school day, read inside the caller's transaction (activities' planning checks). */
export function findPlanningSettingsIn(tx: AreaTx, areaId: string): Promise<repo.PlanningSettings | undefined> {
  return repo.findPlanningSettings(tx, areaId);
}

export async function updateSettings(db: Db, areaId: string, actorId: string, values: repo.AreaSettings): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    await repo.updateSettings(tx, areaId, values);
    await audit(tx, areaId, actorId, 'area.settings_updated', { type: 'area', id: areaId, detail: { ...values } });
  });
}

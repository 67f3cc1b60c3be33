/**
 * Photos of a visited place (issue 16 §2): never of people (the page says so plainly), described in
 * words (alt text, required), re-encoded on the way in (wrong types, oversize files and huge pixel
 * counts refused; EXIF and GPS gone: src/modules/areas/pictures.image.ts), and shown only to staff
 * who may see the programme's inspections and to the programme's own young inspectors.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { can } from '../../lib/authorisation.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { findActivityIn } from '../activities/activities.service.ts';
import type { EncodedImage } from '../areas/areas.service.ts';
import { currentMember } from '../panels/index.ts';
import { audit } from '../privacy/audit.service.ts';
import { findVisit } from './core.ts';
import * as repo from './photos.repository.ts';

export const PHOTOS_PER_VISIT = 60;

/**
 * Adds a photo to a visit, from one of its inspectors (memberId) or staff (actorId). The image must
 * already be re-encoded (`reencodeImage`). For the seed too.
 */
export async function addPhoto(
  db: Db,
  areaId: string,
  programmeId: string,
  visitId: string,
  by: { memberId: string | null; actorId: string | null },
  input: { altText: string; image: EncodedImage; criterionId?: string | null },
): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    const visit = await findVisit(tx, areaId, programmeId, visitId);
    if (!visit || visit.status === 'cancelled') throw new NotFoundError('inspection visit');
    const id = await repo.insertPhoto(tx, areaId, {
      visitId,
      memberId: by.memberId,
      criterionId: input.criterionId ?? null,
      bytes: input.image.bytes,
      width: input.image.width,
      height: input.image.height,
      sha256: createHash('sha256').update(input.image.bytes).digest('hex'),
      altText: input.altText,
    });
    if (by.actorId) await audit(tx, areaId, by.actorId, 'inspection.photo.added', { type: 'inspection_photo', id, detail: { visitId } });
    return id;
  });
}

export function photosOf(db: Db, areaId: string, visitId: string) {
  return withArea(db, areaId, (tx) => repo.photosWithUploader(tx, areaId, visitId));
}

/**
 * Who this request is for a photo: staff with inspection.view (or .manage) for the programme
 * activity's organisation, or a young inspector on the programme's panel. Undefined for anyone else.
 */
async function photoAccess(db: Db, request: FastifyRequest, areaId: string, photoId: string) {
  return withArea(db, areaId, async (tx) => {
    const photo = await repo.findPhoto(tx, areaId, photoId);
    if (!photo) return undefined;
    const activity = await findActivityIn(tx, areaId, photo.activityId);
    const organisationId = activity?.organisationId ?? null;
    const staff = can(request.actor, 'inspection.manage', { areaId, organisationId }) ? 'manage' : can(request.actor, 'inspection.view', { areaId, organisationId }) ? 'view' : null;
    const member = await currentMember(tx, request, areaId, photo.panelId);
    if (!staff && !member) return undefined;
    return { photo, staff, member };
  });
}

/** The photo's bytes, for whoever may see it; undefined (a 404) for anyone else. */
export async function photoForViewer(db: Db, request: FastifyRequest, areaId: string, photoId: string) {
  const access = await photoAccess(db, request, areaId, photoId);
  if (!access) return undefined;
  return withArea(db, areaId, (tx) => repo.photoBytes(tx, areaId, photoId));
}

/** Deletes a photo: the inspector who added it, or staff who manage the programme's inspections. */
export async function removePhoto(db: Db, request: FastifyRequest, areaId: string, programmeId: string, visitId: string, photoId: string): Promise<void> {
  const access = await photoAccess(db, request, areaId, photoId);
  if (!access || access.photo.programmeId !== programmeId || access.photo.visitId !== visitId) throw new NotFoundError('photo');
  const mine = access.member && access.photo.memberId === access.member.id;
  if (!mine && access.staff !== 'manage') throw new NotFoundError('photo');
  await withArea(db, areaId, async (tx) => {
    await repo.deletePhoto(tx, areaId, photoId);
    if (access.staff === 'manage' && !mine) await audit(tx, areaId, request.actor!.accountId, 'inspection.photo.deleted', { type: 'inspection_photo', id: photoId, detail: { visitId } });
  });
}


/**
 * An area's own pictures: photos a lead uploads to use as symbols anywhere a symbol is picked, and
 * the area's logo. Images arrive already re-encoded (pictures.image.ts); this file keeps the rules:
 * alt text always, one logo per area, and a picture in use is never deleted from under a survey.
 */
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { findSymbol, parsePictureRef, pictureRef, symbolSrc } from '../../lib/symbols.ts';
import { audit } from '../privacy/audit.service.ts';
import type { EncodedImage } from './pictures.image.ts';
import * as repo from './pictures.repository.ts';

export type { PictureUse } from './pictures.repository.ts';
export type Picture = repo.PictureRow & { ref: string; src: string; uses: repo.PictureUse[] };

const withRef = (areaId: string, row: repo.PictureRow, uses: repo.PictureUse[] = []): Picture => {
  const ref = pictureRef(areaId, row.id);
  return { ...row, ref, src: symbolSrc(ref), uses };
};

/** The area's pictures, newest first, each with where it is used. */
export function listPictures(db: Db, areaId: string): Promise<Picture[]> {
  return withArea(db, areaId, async (tx) => {
    const rows = await repo.listPictures(tx, areaId);
    const uses = await repo.usesOf(tx, areaId, rows.map((r) => pictureRef(areaId, r.id)));
    return rows.map((row) => withRef(areaId, row, uses.get(pictureRef(areaId, row.id))));
  });
}

export function getPicture(db: Db, areaId: string, id: string): Promise<Picture> {
  return withArea(db, areaId, async (tx) => {
    const row = await repo.findPicture(tx, areaId, id);
    if (!row) throw new NotFoundError('picture');
    const ref = pictureRef(areaId, id);
    return withRef(areaId, row, (await repo.usesOf(tx, areaId, [ref])).get(ref));
  });
}

/** The alt text of a picture chosen in a symbol picker, or undefined when this area has no such picture. */
export async function pictureAltText(db: Db, areaId: string, pictureId: string): Promise<string | undefined> {
  return withArea(db, areaId, async (tx) => (await repo.findPicture(tx, areaId, pictureId))?.altText);
}

export function addPicture(db: Db, areaId: string, actorId: string, altText: string, image: EncodedImage): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    const id = await repo.insertPicture(tx, areaId, { purpose: 'picture', altText, ...image });
    await audit(tx, areaId, actorId, 'picture.uploaded', { type: 'area_picture', id });
    return id;
  });
}

export function changeAltText(db: Db, areaId: string, actorId: string, id: string, altText: string): Promise<void> {
  return withArea(db, areaId, async (tx) => {
    if (!(await repo.updateAltText(tx, areaId, id, altText))) throw new NotFoundError('picture');
    await audit(tx, areaId, actorId, 'picture.alt_changed', { type: 'area_picture', id });
  });
}

export class PictureInUseError extends ConflictError {
  readonly uses: repo.PictureUse[];
  constructor(uses: repo.PictureUse[]) {
    super('This picture is used as a symbol');
    this.uses = uses;
  }
}

/** Deletes a picture nobody uses; one in use is refused with where it is used (change those first). */
export function deletePicture(db: Db, areaId: string, actorId: string, id: string): Promise<void> {
  return withArea(db, areaId, async (tx) => {
    const ref = pictureRef(areaId, id);
    const uses = (await repo.usesOf(tx, areaId, [ref])).get(ref) ?? [];
    if (uses.length > 0) throw new PictureInUseError(uses);
    if (!(await repo.deletePicture(tx, areaId, id, 'picture'))) throw new NotFoundError('picture');
    await audit(tx, areaId, actorId, 'picture.deleted', { type: 'area_picture', id });
  });
}

/** The bytes behind /symbols/PIC:<area>:<picture>.svg and the logo, read under the area's security. */
export function pictureBytes(db: Db, areaId: string, id: string): Promise<repo.PictureBytes | undefined> {
  return withArea(db, areaId, (tx) => repo.pictureBytes(tx, areaId, id));
}

/** A new logo replaces the old one in one transaction. */
export function setLogo(db: Db, areaId: string, actorId: string, areaName: string, image: EncodedImage): Promise<void> {
  return withArea(db, areaId, async (tx) => {
    await repo.setLogo(tx, areaId, null);
    for (const old of await repo.listPictures(tx, areaId, 'logo')) await repo.deletePicture(tx, areaId, old.id, 'logo');
    const id = await repo.insertPicture(tx, areaId, { purpose: 'logo', altText: `${areaName}`.slice(0, 200), ...image });
    await repo.setLogo(tx, areaId, id);
    await audit(tx, areaId, actorId, 'picture.logo_changed', { type: 'area_picture', id });
  });
}

export function removeLogo(db: Db, areaId: string, actorId: string): Promise<void> {
  return withArea(db, areaId, async (tx) => {
    await repo.setLogo(tx, areaId, null);
    for (const old of await repo.listPictures(tx, areaId, 'logo')) await repo.deletePicture(tx, areaId, old.id, 'logo');
    await audit(tx, areaId, actorId, 'picture.logo_removed', { type: 'area', id: areaId });
  });
}

/** The colour behind the header's white text (checked for contrast by the form). */
export function setBrandColour(db: Db, areaId: string, actorId: string, brandColour: string): Promise<void> {
  return withArea(db, areaId, async (tx) => {
    await repo.setBrandColour(tx, areaId, brandColour);
    await audit(tx, areaId, actorId, 'picture.brand_colour_changed', { type: 'area', id: areaId, detail: { brandColour } });
  });
}

/**
 * The words a picked symbol brings with it: OpenMoji's name, or the area's picture's alt text;
 * undefined when it is neither (a tampered form, or another area's picture).
 */
export async function symbolName(db: Db, areaId: string, symbol: string): Promise<string | undefined> {
  const picture = parsePictureRef(symbol);
  if (!picture) return findSymbol(symbol)?.name;
  if (picture.areaId !== areaId) return undefined;
  return pictureAltText(db, areaId, picture.pictureId);
}

/** The area's pictures as the symbol pickers list them (before OpenMoji's). */
export async function pickerPictures(db: Db, areaId: string): Promise<Array<{ hexcode: string; name: string; src: string }>> {
  const rows = await withArea(db, areaId, (tx) => repo.listPictures(tx, areaId));
  return rows.map((row) => {
    const ref = pictureRef(areaId, row.id);
    return { hexcode: ref, name: row.altText, src: symbolSrc(ref) };
  });
}

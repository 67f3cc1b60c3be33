/**
 * Photos of a visited place (issue 16 §2), for the visit's young inspectors and staff. Uploads are
 * multipart: the parser is registered in an encapsulated context here only (as the area's pictures
 * do), keeps one file of at most 5 MB plus a byte (so "too large" is known), and hands the CSRF
 * token to the usual check as a plain field. Every photo is re-encoded (reencodeImage): wrong types
 * and huge images are refused, and EXIF (location included) never reaches the database.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../lib/errors.ts';
import { errorState, parseForm, type ErrorState } from '../../lib/form-errors.ts';
import { acceptOneFile, uploadOf } from '../../lib/uploads.ts';
import { ImageError, MAX_UPLOAD_BYTES, MAX_UPLOAD_MB, reencodeImage } from '../areas/areas.service.ts';
import { idParam, programmeUrls } from './programmes.routes.ts';
import * as programmes from './programmes.service.ts';
import * as photos from './photos.service.ts';
import * as visits from './visits.service.ts';

const K = 'inspections.visits.photos.';
const member = { config: { access: 'public' as const } };

export const photoForm = z.object({
  altText: z.string({ error: `${K}errors.altMissing` }).trim().min(1, `${K}errors.altMissing`).max(200, `${K}errors.altTooLong`),
});


export default async function photosRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const areaId = (request: FastifyRequest) => request.area!.id;

  /** The visit's inspectors and staff; anyone else gets "not found". */
  const viewer = async (request: FastifyRequest) => {
    const v = await programmes.programmeViewer(db, request, areaId(request), idParam(request, 'programmeId'));
    const visitId = idParam(request, 'visitId');
    return { ...v, visitId };
  };

  const render = async (request: FastifyRequest, reply: FastifyReply, state: Partial<ErrorState> & { values?: Record<string, unknown> } = {}, status = 200) => {
    const v = await viewer(request);
    const list = await photos.photosOf(db, areaId(request), v.visitId);
    const u = programmeUrls(request, v.programme.id);
    const visit = await visits.visitForPhotos(db, areaId(request), v.programme.id, v.visitId);
    return reply.page('inspections/views/visits/photos.njk', {
      title: request.t(`${K}title`),
      provider: visit.providerName,
      action: u.photos(v.visitId),
      maxMb: MAX_UPLOAD_MB,
      photos: list.map((p) => ({ ...p, src: `/a/${request.area!.slug}/inspections/photos/${p.id}`, canDelete: (v.member && p.memberId === v.member.id) || v.staff === 'manage', deleteAction: `${u.photos(v.visitId)}/${p.id}/delete` })),
      values: state.values ?? {},
      errors: state.errors ?? {},
      errorSummary: state.errorSummary,
      backLink: v.member ? u.inspect(v.visitId) : u.visit(v.visitId),
    }, status);
  };

  app.get('/a/:area/inspections/:programmeId/visits/:visitId/photos', member, (request, reply) => render(request, reply));

  app.post('/a/:area/inspections/:programmeId/visits/:visitId/photos/:photoId/delete', member, async (request, reply) => {
    const v = await viewer(request);
    await photos.removePhoto(db, request, areaId(request), v.programme.id, v.visitId, idParam(request, 'photoId'));
    return reply.flash(request.t(`${K}deleted`)).redirect(programmeUrls(request, v.programme.id).photos(v.visitId), 303);
  });

  // The image itself: only for staff with inspection.view for the programme and its inspectors.
  app.get('/a/:area/inspections/photos/:photoId', member, async (request, reply) => {
    const found = await photos.photoForViewer(db, request, areaId(request), idParam(request, 'photoId'));
    if (!found) throw new NotFoundError('photo');
    return reply
      .type(found.mime)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .header('Cache-Control', 'private, max-age=3600')
      .header('ETag', `"${found.sha256.slice(0, 32)}"`)
      .send(found.bytes);
  });

  // The one form that carries a file: the only route here with a multipart parser.
  await app.register(async (uploads) => {
    await acceptOneFile(uploads, MAX_UPLOAD_BYTES);

    uploads.post('/a/:area/inspections/:programmeId/visits/:visitId/photos', member, async (request, reply) => {
      const v = await viewer(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values = { altText: typeof body.altText === 'string' ? body.altText : '' };
      const form = parseForm(photoForm, body, request.t);
      let image;
      let fileError: ErrorState | undefined;
      try {
        image = await reencodeImage(uploadOf(request).bytes, { truncated: uploadOf(request).truncated });
      } catch (error) {
        if (!(error instanceof ImageError)) throw error;
        fileError = errorState([{ field: 'photo', text: request.t(`${K}errors.file.${error.problem}`, { mb: MAX_UPLOAD_MB }) }]);
      }
      if (!form.ok || fileError || !image) {
        const errors = { ...(fileError?.errors ?? {}), ...(form.ok ? {} : form.errors) };
        const errorSummary = [...(fileError?.errorSummary ?? []), ...(form.ok ? [] : form.summary)];
        return render(request, reply, { errors, errorSummary, values }, 422);
      }
      await photos.addPhoto(db, areaId(request), v.programme.id, v.visitId, { memberId: v.member?.id ?? null, actorId: v.member ? null : request.actor!.accountId }, { altText: form.data.altText, image });
      return reply.flash(request.t(`${K}added`)).redirect(programmeUrls(request, v.programme.id).photos(v.visitId), 303);
    });
  });
}

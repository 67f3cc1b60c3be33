/**
 * The area's own pictures (upload, list, change the words, delete) and its branding (logo and
 * colour). Uploads are multipart: the parser is registered here only (this plugin is encapsulated),
 * keeps one file of at most 5 MB plus a byte (so "too large" is known, not guessed), and hands the
 * CSRF token to the usual check as a plain field.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AreaAction } from '../../lib/authorisation.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { errorState, parseForm, type ErrorState } from '../../lib/form-errors.ts';
import { acceptOneFile, uploadOf } from '../../lib/uploads.ts';
import { ImageError, MAX_UPLOAD_BYTES, MAX_UPLOAD_MB, reencodeImage } from './pictures.image.ts';
import { altTextForm, brandColourForm, contrastWithWhite } from './pictures.forms.ts';
import * as pictures from './pictures.service.ts';

const needs = (action: AreaAction) => ({ config: { access: { action } } });
const pictureId = (request: FastifyRequest) => {
  const parsed = z.uuid().safeParse((request.params as Record<string, unknown>).pictureId);
  if (!parsed.success) throw new NotFoundError('picture');
  return parsed.data;
};


export default async function picturesRoutes(app: FastifyInstance) {
  const { db } = app;
  const base = (request: FastifyRequest) => `/a/${request.area!.slug}/manage/pictures`;
  const imageProblem = (request: FastifyRequest, error: ImageError, field: string): ErrorState =>
    errorState([{ field, text: request.t(`pictures.errors.file.${error.problem}`, { mb: MAX_UPLOAD_MB }) }]);

  // ── The list and the upload form ──────────────────────────────────────────────────────────────
  const renderList = async (request: FastifyRequest, reply: FastifyReply, state: Partial<ErrorState> & { values?: Record<string, unknown> } = {}, status = 200) =>
    reply.page('areas/views/manage/pictures.njk', {
      title: request.t('pictures.title'),
      backLink: `/a/${request.area!.slug}/manage`,
      pictures: await pictures.listPictures(db, request.area!.id),
      maxMb: MAX_UPLOAD_MB,
      values: state.values ?? {},
      errors: state.errors ?? {},
      errorSummary: state.errorSummary,
    }, status);

  app.get('/a/:area/manage/pictures', needs('picture.manage'), (request, reply) => renderList(request, reply));

  // ── One picture: its words, and deleting it ───────────────────────────────────────────────────
  const renderPicture = async (request: FastifyRequest, reply: FastifyReply, state: Partial<ErrorState> & { values?: Record<string, unknown>; inUse?: boolean } = {}, status = 200) => {
    const picture = await pictures.getPicture(db, request.area!.id, pictureId(request));
    return reply.page('areas/views/manage/picture.njk', {
      title: request.t('pictures.one.title'),
      backLink: base(request),
      picture,
      slug: request.area!.slug,
      values: state.values ?? { altText: picture.altText },
      inUse: state.inUse,
      errors: state.errors ?? {},
      errorSummary: state.errorSummary,
    }, status);
  };

  app.get('/a/:area/manage/pictures/:pictureId', needs('picture.manage'), (request, reply) => renderPicture(request, reply));

  app.post('/a/:area/manage/pictures/:pictureId', needs('picture.manage'), async (request, reply) => {
    const id = pictureId(request);
    const form = parseForm(altTextForm, request.body, request.t);
    if (!form.ok) return renderPicture(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    await pictures.changeAltText(db, request.area!.id, request.actor!.accountId, id, form.data.altText);
    return reply.flash(request.t('common.saved')).redirect(base(request), 303);
  });

  app.post('/a/:area/manage/pictures/:pictureId/delete', needs('picture.manage'), async (request, reply) => {
    const id = pictureId(request);
    try {
      await pictures.deletePicture(db, request.area!.id, request.actor!.accountId, id);
    } catch (error) {
      if (!(error instanceof pictures.PictureInUseError)) throw error;
      const shown = errorState([{ field: 'delete', text: request.t('pictures.errors.inUse', { count: error.uses.length }) }]);
      return renderPicture(request, reply, { ...shown, inUse: true }, 409);
    }
    return reply.flash(request.t('pictures.deleted')).redirect(base(request), 303);
  });

  // ── Branding: the logo and the colour ─────────────────────────────────────────────────────────
  const brandingUrl = (request: FastifyRequest) => `/a/${request.area!.slug}/manage/branding`;
  const renderBranding = (request: FastifyRequest, reply: FastifyReply, state: Partial<ErrorState> & { values?: Record<string, unknown> } = {}, status = 200) => {
    const colour = typeof state.values?.brandColour === 'string' ? state.values.brandColour : request.area!.brandColour;
    return reply.page('areas/views/manage/branding.njk', {
      title: request.t('branding.title'),
      backLink: `/a/${request.area!.slug}/manage`,
      values: { brandColour: colour },
      contrast: /^#?[0-9a-fA-F]{6}$/.test(colour) ? contrastWithWhite(`#${colour.replace('#', '').toLowerCase()}`).toFixed(1) : undefined,
      maxMb: MAX_UPLOAD_MB,
      errors: state.errors ?? {},
      errorSummary: state.errorSummary,
    }, status);
  };

  app.get('/a/:area/manage/branding', needs('area.settings'), (request, reply) => renderBranding(request, reply));

  app.post('/a/:area/manage/branding/colour', needs('area.settings'), async (request, reply) => {
    const form = parseForm(brandColourForm, request.body, request.t);
    if (!form.ok) return renderBranding(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    await pictures.setBrandColour(db, request.area!.id, request.actor!.accountId, form.data.brandColour);
    return reply.flash(request.t('branding.colourSaved')).redirect(brandingUrl(request), 303);
  });

  // The two forms that carry a file: the only routes with a multipart parser (an encapsulated
  // context), so every other form still answers 415 to a multipart body.
  await app.register(async (uploads) => {
    await acceptOneFile(uploads, MAX_UPLOAD_BYTES);

    uploads.post('/a/:area/manage/pictures', needs('picture.manage'), async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values = { altText: typeof body.altText === 'string' ? body.altText : '' };
      const form = parseForm(altTextForm, body, request.t);
      let image;
      let fileError: ErrorState | undefined;
      try {
        image = await reencodeImage(uploadOf(request).bytes, { truncated: uploadOf(request).truncated });
      } catch (error) {
        if (!(error instanceof ImageError)) throw error;
        fileError = imageProblem(request, error, 'picture');
      }
      if (!form.ok || fileError || !image) {
        // The file first, as on the page; the words typed are kept (a file cannot be: browsers forbid it).
        const errors = { ...(fileError?.errors ?? {}), ...(form.ok ? {} : form.errors) };
        const errorSummary = [...(fileError?.errorSummary ?? []), ...(form.ok ? [] : form.summary)];
        return renderList(request, reply, { errors, errorSummary, values }, 422);
      }
      await pictures.addPicture(db, request.area!.id, request.actor!.accountId, form.data.altText, image);
      return reply.flash(request.t('pictures.added', { alt: form.data.altText })).redirect(base(request), 303);
    });

    uploads.post('/a/:area/manage/branding/logo', needs('area.settings'), async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (body.action === 'remove') {
        await pictures.removeLogo(db, request.area!.id, request.actor!.accountId);
        return reply.flash(request.t('branding.logoRemoved')).redirect(brandingUrl(request), 303);
      }
      try {
        const image = await reencodeImage(uploadOf(request).bytes, { truncated: uploadOf(request).truncated });
        await pictures.setLogo(db, request.area!.id, request.actor!.accountId, request.area!.name, image);
      } catch (error) {
        if (!(error instanceof ImageError)) throw error;
        return renderBranding(request, reply, imageProblem(request, error, 'logo'), 422);
      }
      return reply.flash(request.t('branding.logoSaved')).redirect(brandingUrl(request), 303);
    });
  });
}

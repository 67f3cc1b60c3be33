/**
 * Live sessions (issue 15): the moderation part's pages. Registered by live.routes.ts.
 *
 * The queue (what waits, what was hidden, how many notes are held for safeguarding) is a page of its
 * own and a partial in the facilitator's console; its buttons post here and come back to whichever
 * of the two they were pressed on. The route gate checks the role; the service checks the
 * organisation once the activity is loaded (practitioners run only their own organisation's sessions).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError } from '../../lib/errors.ts';
import { hideForm, showForm } from './moderation.forms.ts';
import * as moderation from './moderation.service.ts';

const RUN = { config: { access: { action: 'live.run' as const } } };
const BASE = '/a/:area/activities/:activityId/live/:sessionId';

type Params = { activityId: string; sessionId: string; postId: string };
const params = (request: FastifyRequest) => request.params as Params;

export default async function moderationRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const sessionUrl = (request: FastifyRequest) => `/a/${request.area!.slug}/activities/${params(request).activityId}/live/${params(request).sessionId}`;
  const queueUrl = (request: FastifyRequest) => `${sessionUrl(request)}/moderation`;
  /** Back to the console or the queue page, whichever the button was on; never anywhere else. */
  const backTo = (request: FastifyRequest, back: string) => {
    const console = `${sessionUrl(request)}/console`;
    return `${back === console ? console : queueUrl(request)}#moderation`;
  };

  app.get(`${BASE}/moderation`, RUN, async (request, reply) => {
    const { activityId, sessionId } = params(request);
    const page = await moderation.getQueuePage(db, request.actor!, request.area!.id, activityId, sessionId);
    return reply.page('live/views/moderation/page.njk', {
      title: request.t('live.moderation.title'),
      backLink: `${sessionUrl(request)}/console`,
      session: page.session,
      moderation: { ...page.queue, ended: page.session.status === 'ended', standalone: true },
    });
  });

  const act = async (request: FastifyRequest, done: () => Promise<void>, message: string, back: string) => {
    try {
      await done();
      return { to: backTo(request, back), message };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return { to: backTo(request, back), message: request.t('live.moderation.ended') };
    }
  };

  const show = (key: string) => async (request: FastifyRequest, reply: FastifyReply) => {
    const form = showForm.safeParse(request.body ?? {});
    const back = form.success ? form.data.back : '';
    const { activityId, sessionId, postId } = params(request);
    const { to, message } = await act(request, () => moderation.showPost(db, request.actor!, request.area!.id, activityId, sessionId, postId), request.t(key), back);
    return reply.flash(message).redirect(to, 303);
  };
  // Approving a note that waited, and putting back one that was hidden, both put it on the screens.
  app.post(`${BASE}/moderation/posts/:postId/approve`, RUN, show('live.moderation.shownDone'));
  app.post(`${BASE}/moderation/posts/:postId/show`, RUN, show('live.moderation.backDone'));

  app.post(`${BASE}/moderation/posts/:postId/hide`, RUN, async (request, reply) => {
    const parsed = hideForm.safeParse(request.body ?? {});
    const form = parsed.success ? parsed.data : { reason: undefined, back: '' };
    const { activityId, sessionId, postId } = params(request);
    // The reason is kept in words (the contributions page shows it to staff later), in the facilitator's language.
    const reason = form.reason ? request.t(`live.moderation.reasons.${form.reason}`) : '';
    const { to, message } = await act(request, () => moderation.hidePost(db, request.actor!, request.area!.id, activityId, sessionId, postId, reason), request.t('live.moderation.hiddenDone'), form.back);
    return reply.flash(message).redirect(to, 303);
  });
}

/**
 * Sign in and out, email sign-in links, password reset, accepting invitations, "your account".
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formError, parseForm } from '../../lib/form-errors.ts';
import { TooManyAttemptsError } from '../../lib/errors.ts';
import { listAreas } from '../areas/areas.service.ts';
import * as accounts from './accounts.service.ts';
import * as members from './members.service.ts';
import { yourPage } from './your-page.service.ts';
import { youngPersonOfAccount } from './young-core.ts';
import { withArea } from '../../db/db.ts';
import { acceptNewAccountForm, emailOnlyForm, newPasswordForm, safeNext, signInForm } from './accounts.forms.ts';

type LinkKind = { purpose: 'magic_link' | 'password_reset'; path: string; template: string; messages: string };
const MAGIC_LINK: LinkKind = { purpose: 'magic_link', path: '/sign-in/email-link', template: 'accounts/views/email-link.njk', messages: 'emailLink' };
const RESET_LINK: LinkKind = { purpose: 'password_reset', path: '/password-reset', template: 'accounts/views/password-reset.njk', messages: 'passwordReset' };

/** How long a sign-in or reset link request takes to answer, whatever happened (see sendLink). */
const LINK_ANSWER_FLOOR_MS = 400;

const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

function tokenFrom(request: FastifyRequest): string | undefined {
  const parsed = tokenParams.safeParse(request.params);
  return parsed.success ? parsed.data.token : undefined;
}

export default async function accountsRoutes(app: FastifyInstance) {
  const { db, notifier, config } = app;
  const publicRoute = { config: { access: 'public' as const } };

  const renderSignIn = (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page('accounts/views/sign-in.njk', { title: request.t('signIn.title'), next: safeNext((request.query as Record<string, unknown>).next), ...extra }, status);

  app.get('/sign-in', publicRoute, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const flash = query.signedOut === '1' ? request.t('signIn.signedOut') : undefined;
    return renderSignIn(request, reply, { flash });
  });

  app.post('/sign-in', publicRoute, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const next = safeNext(body.next);
    const form = parseForm(signInForm, body, request.t);
    if (!form.ok) return renderSignIn(request, reply, { errors: form.errors, errorSummary: form.summary, values: { email: body.email }, next }, 422);
    let account;
    try {
      account = await accounts.checkPassword(db, form.data.email, form.data.password, request.ip);
    } catch (error) {
      if (error instanceof TooManyAttemptsError) {
        const failed = formError('email', request.t('errors.tooMany.body'), { email: form.data.email });
        return renderSignIn(request, reply, { errors: failed.errors, errorSummary: failed.summary, values: failed.values, next }, 429);
      }
      throw error;
    }
    if (!account) {
      const failed = formError('email', request.t('signIn.wrong'), { email: form.data.email });
      return renderSignIn(request, reply, { errors: failed.errors, errorSummary: failed.summary, values: failed.values, next }, 422);
    }
    await reply.signIn(account.id);
    // A page that sent them here wins (checked by safeNext: our own paths only, no open redirect).
    return reply.redirect(next ?? (await accounts.landingPath(db, account.id)), 303);
  });

  app.post('/sign-out', publicRoute, async (_request, reply) => {
    await reply.signOut();
    return reply.redirect('/sign-in?signedOut=1', 303);
  });

  /**
   * Emails a single-use link. The page says the same whether or not the address has an account,
   * so the form cannot be used to find out who is registered.
   */
  const sendLink = async (request: FastifyRequest, reply: FastifyReply, kind: LinkKind) => {
    const form = parseForm(emailOnlyForm, request.body, request.t);
    if (!form.ok) return reply.page(kind.template, { title: request.t(`${kind.messages}.title`), errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    // The answer takes the same time whether or not the address has an account (no enumeration by
    // timing): the work is padded to a fixed floor, longer than finding and emailing takes here.
    const started = performance.now();
    await sendLinkEmail(request, kind, form.data.email);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, LINK_ANSWER_FLOOR_MS - (performance.now() - started))));
    return reply.page('accounts/views/message.njk', { title: request.t(`${kind.messages}.sentTitle`), body: request.t(`${kind.messages}.sentBody`, { email: form.data.email }) });
  };

  const sendLinkEmail = async (request: FastifyRequest, kind: LinkKind, email: string) => {
    const created = await accounts.createLinkToken(db, email, kind.purpose, request.ip);
    if (created) {
      const link = `${config.baseUrl}${kind.path}/${created.token}`;
      await notifier.send({
        channel: 'email',
        recipient: created.account.email,
        subject: request.t(`${kind.messages}.emailSubject`),
        body: request.t(`${kind.messages}.emailBody`, { name: created.account.displayName, link }),
      });
    }
  };

  // Email sign-in links (parent carers). The same answer whether or not the address has an account.
  app.get('/sign-in/email-link', publicRoute, async (request, reply) =>
    reply.page('accounts/views/email-link.njk', { title: request.t('emailLink.title') }),
  );

  app.post('/sign-in/email-link', publicRoute, (request, reply) => sendLink(request, reply, MAGIC_LINK));

  // The link shows a button rather than signing in on GET: email scanners follow links, people press buttons.
  app.get('/sign-in/email-link/:token', publicRoute, async (request, reply) => {
    const token = tokenFrom(request);
    if (!token || !(await accounts.isLinkTokenLive(db, token, 'magic_link'))) {
      return reply.page('accounts/views/message.njk', { title: request.t('emailLink.expiredTitle'), body: request.t('emailLink.expiredBody'), link: { href: '/sign-in/email-link', text: request.t('emailLink.requestAnother') } }, 410);
    }
    return reply.page('accounts/views/email-link-confirm.njk', { title: request.t('emailLink.confirmTitle'), token });
  });

  app.post('/sign-in/email-link/:token', publicRoute, async (request, reply) => {
    const token = tokenFrom(request);
    const accountId = token ? await accounts.useMagicLink(db, token, request.ip) : undefined;
    if (!accountId) {
      return reply.page('accounts/views/message.njk', { title: request.t('emailLink.expiredTitle'), body: request.t('emailLink.expiredBody'), link: { href: '/sign-in/email-link', text: request.t('emailLink.requestAnother') } }, 410);
    }
    await reply.signIn(accountId);
    return reply.redirect(await accounts.landingPath(db, accountId), 303);
  });

  app.get('/password-reset', publicRoute, async (request, reply) =>
    reply.page('accounts/views/password-reset.njk', { title: request.t('passwordReset.title') }),
  );

  app.post('/password-reset', publicRoute, (request, reply) => sendLink(request, reply, RESET_LINK));

  const expiredReset = (request: FastifyRequest, reply: FastifyReply) =>
    reply.page('accounts/views/message.njk', { title: request.t('emailLink.expiredTitle'), body: request.t('emailLink.expiredBody'), link: { href: '/password-reset', text: request.t('emailLink.requestAnother') } }, 410);

  app.get('/password-reset/:token', publicRoute, async (request, reply) => {
    const token = tokenFrom(request);
    if (!token || !(await accounts.isLinkTokenLive(db, token, 'password_reset'))) return expiredReset(request, reply);
    return reply.page('accounts/views/password-choose.njk', { title: request.t('passwordReset.chooseTitle'), token });
  });

  app.post('/password-reset/:token', publicRoute, async (request, reply) => {
    const token = tokenFrom(request);
    if (!token) return expiredReset(request, reply);
    const form = parseForm(newPasswordForm, request.body, request.t);
    // Passwords are never echoed back into the page.
    if (!form.ok) return reply.page('accounts/views/password-choose.njk', { title: request.t('passwordReset.chooseTitle'), token, errors: form.errors, errorSummary: form.summary }, 422);
    if (!(await accounts.resetPassword(db, token, form.data.password, request.ip))) return expiredReset(request, reply);
    return reply.page('accounts/views/message.njk', { title: request.t('passwordReset.doneTitle'), body: request.t('passwordReset.doneBody'), link: { href: '/sign-in', text: request.t('signIn.title') } });
  });

  app.get('/account', { config: { access: { action: 'account.view' } } }, async (request, reply) => {
    const actor = request.actor!;
    const areas = (await listAreas(db)).filter((a) => actor.rolesByArea.has(a.id)).map((a) => ({ ...a, roles: actor.rolesByArea.get(a.id) ?? [] }));
    const activity = await accounts.recentActivity(db, { id: actor.accountId, email: actor.email });
    return reply.page('accounts/views/account.njk', { title: request.t('account.title'), areas, isOperator: actor.isOperator, activity });
  });

  // A person's own page in an area: what is open to them, their places, what changed because of them.
  const signedIn = { config: { access: { action: 'account.view' as const } } };

  app.get('/a/:area/your-page', signedIn, async (request, reply) => {
    const area = request.area!;
    const actor = request.actor!;
    // A young person's own page is My Chorus (issue 17): the header's "Your page" goes there.
    const young = await withArea(db, area.id, (tx) => youngPersonOfAccount(tx, area.id, actor.accountId));
    if (young) return reply.redirect(`/a/${area.slug}/young/${young.id}`, 303);
    const page = await yourPage(db, area, actor.accountId, request.t, request.lang, actor.rolesByArea.get(area.id) ?? []);
    // Someone in several areas can go to their page in each.
    const otherAreas = (await listAreas(db)).filter((a) => a.id !== area.id && actor.rolesByArea.has(a.id));
    return reply.page('accounts/views/your-page.njk', { title: request.t('yourPage.title'), page, otherAreas, whatChangedLink: `/a/${area.slug}/what-changed` });
  });

  // The header's "Your page" outside an area: the person's first area, or their account.
  app.get('/your-page', signedIn, async (request, reply) => {
    const slug = await accounts.homeAreaSlug(db, request.actor!.accountId);
    return reply.redirect(slug ? `/a/${slug}/your-page` : '/account', 303);
  });

  // Invitations: the link carries the area, so the invitation is read inside that area only.
  const expiredInvitation = (request: FastifyRequest, reply: FastifyReply) =>
    reply.page('accounts/views/message.njk', { title: request.t('invitation.expiredTitle'), body: request.t('invitation.expiredBody') }, 410);

  app.get('/a/:area/invitations/:token', publicRoute, async (request, reply) => {
    const token = tokenFrom(request);
    const invitation = token && (await members.findInvitation(db, request.area!.id, token));
    if (!invitation) return expiredInvitation(request, reply);
    return reply.page('accounts/views/invitation.njk', {
      title: request.t('invitation.title', { area: request.area!.name }),
      invitation,
      token,
      values: { displayName: invitation.displayName },
    });
  });

  app.post('/a/:area/invitations/:token', publicRoute, async (request, reply) => {
    const area = request.area!;
    const token = tokenFrom(request);
    const invitation = token && (await members.findInvitation(db, area.id, token));
    if (!token || !invitation) return expiredInvitation(request, reply);
    let values: { displayName?: string; password?: string } = {};
    if (!invitation.hasAccount) {
      const form = parseForm(acceptNewAccountForm, request.body, request.t);
      if (!form.ok) {
        const body = request.body as Record<string, unknown>;
        return reply.page('accounts/views/invitation.njk', {
          title: request.t('invitation.title', { area: area.name }),
          invitation,
          token,
          errors: form.errors,
          errorSummary: form.summary,
          values: { displayName: body.displayName },
        }, 422);
      }
      values = form.data;
    }
    const accountId = await members.acceptInvitation(db, area.id, token, values);
    await reply.signIn(accountId);
    return reply.redirect(`/a/${area.slug}`, 303);
  });
}

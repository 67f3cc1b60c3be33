/**
 * The operator's rules: what the installation's outbox may show them. Creating areas and inviting
 * their first admin are the areas and accounts services' work; the routes call those directly.
 */
import type { Db } from '../../db/database.ts';
import { listOutbox, type OutboxMessage } from '../notifications/notifications.service.ts';

/**
 * A sign-in or password reset link is the key to an account: the operator never reads one, except
 * for the demo's own made-up accounts (addresses ending .example), which the demo exists to show.
 */
export function maskAccountLinks<M extends { recipient: string; body: string }>(message: M): M {
  if (/\.example$/i.test(message.recipient)) return message;
  return { ...message, body: message.body.replace(/(\/(?:password-reset|sign-in\/email-link|a\/[a-z0-9-]+\/invitations)\/)[A-Za-z0-9_-]{20,}/g, '$1[hidden]') };
}

/** The most recent messages of the built-in outbox, with every real person's account links hidden. */
export async function readOutbox(db: Db): Promise<OutboxMessage[]> {
  return (await listOutbox(db)).map(maskAccountLinks);
}

/**
 * "How would you like to hear what happened?": each person's choice, asked on the survey's
 * thank-you page: email, text message, through the person who helped them, a letter handed out at
 * the next session, or nothing (they will use their receipt code). The publishing step reads these
 * choices to tell each contributor once. The retention schedule (privacy/retention.service.ts, kind
 * 'hear_back') deletes them when the area's period after the response has passed, as the privacy
 * notice says.
 */
import type { AreaTx, ContactChannel, Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { audit } from '../privacy/audit.service.ts';
import * as repo from './contacts.repository.ts';
import { givenByFor, recordConsent } from '../privacy/consent.service.ts';

export const CONTACT_CHANNELS = ['email', 'sms', 'supporter', 'letter', 'none'] as const satisfies readonly ContactChannel[];
export const CONTACT_FORMATS = ['easy_read', 'standard'] as const;
export type ContactFormat = (typeof CONTACT_FORMATS)[number];

export type ContactPreference = { channel: ContactChannel; address: string; format: ContactFormat; language: string };

/** Which channels need an address. */
export function needsAddress(channel: ContactChannel): boolean {
  return channel === 'email' || channel === 'sms' || channel === 'supporter';
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmailAddress(value: string): boolean {
  return value.length <= 320 && EMAIL.test(value);
}

/**
 * A UK mobile number as +447…, or undefined. Accepts what people type: spaces, dashes, brackets,
 * 07…, 447…, +44 7…, 0044 7… and +44 (0) 7….
 */
export function normaliseUkMobile(typed: string): string | undefined {
  let digits = typed.replace(/[\s\-().]/g, '');
  if (digits.startsWith('+')) digits = digits.slice(1);
  else if (digits.startsWith('00')) digits = digits.slice(2);
  if (!/^\d+$/.test(digits)) return undefined;
  if (digits.startsWith('440')) digits = `44${digits.slice(3)}`;
  if (digits.startsWith('0')) digits = `44${digits.slice(1)}`;
  return /^447\d{9}$/.test(digits) ? `+${digits}` : undefined;
}

/** The choice made for this response, if any. */
export async function findContactPreference(db: Db, areaId: string, responseId: string): Promise<ContactPreference | undefined> {
  return withArea(db, areaId, (tx) => repo.findContact(tx, areaId, responseId));
}

/**
 * Stores (or changes) how the person who gave this response wants to hear back: one row per
 * response, so sending the same choice twice changes nothing. `changed` is false when the stored
 * choice was already exactly this (callers use it to send the receipt email only once).
 * The response must be submitted; 'supporter' only for a supported response.
 */
export function setContactPreference(db: Db, areaId: string, responseId: string, preference: ContactPreference): Promise<{ changed: boolean }> {
  return withArea(db, areaId, (tx) => recordContactPreference(tx, areaId, responseId, preference));
}

/**
 * The same, inside the caller's transaction: for a service that does more in the same step (the
 * survey's "hear back" choice also queues the receipt email, so both happen or neither does).
 */
export async function recordContactPreference(tx: AreaTx, areaId: string, responseId: string, preference: ContactPreference): Promise<{ changed: boolean }> {
  const contact: repo.StoredContact = {
    channel: preference.channel,
    address: needsAddress(preference.channel) ? preference.address.trim() : '',
    format: preference.format,
    language: preference.language,
  };
  if (needsAddress(contact.channel) && !contact.address) throw new Error(`a ${contact.channel} contact needs an address`);
  const response = await repo.lockResponse(tx, areaId, responseId);
  if (!response || !response.submitted) throw new NotFoundError('response');
  if (contact.channel === 'supporter' && response.mode !== 'supported') throw new NotFoundError('supporter');
  const before = await repo.findContact(tx, areaId, responseId);
  const same = before && before.channel === contact.channel && before.address === contact.address && before.format === contact.format && before.language === contact.language;
  if (same) return { changed: false };
  await repo.upsertContact(tx, areaId, responseId, contact);
  // Being contacted is consent: recorded with who gave it and under which privacy notice.
  await recordConsent(tx, areaId, { responseId, accountId: response.accountId, kind: 'contact', agreed: contact.channel !== 'none', givenBy: givenByFor(response.mode, response.supporterRelationship) });
  // The address itself stays out of the audit log: the log outlives the address.
  await audit(tx, areaId, null, 'feedback.contact_chosen', { type: 'response', id: responseId, detail: { channel: contact.channel, format: contact.format } });
  return { changed: true };
}

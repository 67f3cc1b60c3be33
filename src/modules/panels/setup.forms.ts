/**
 * The setup part's forms (issue 16 §1): a new panel (an interview panel or a grant round) and a
 * panel's details. Every field comes back as typed when something is wrong, so nothing is lost.
 */
import { z } from 'zod';
import { readDate } from '../../lib/form-fields.ts';
import { londonToUtc, parseClockTime } from '../activities/activities.service.ts';
import { parsePounds } from '../../lib/money.ts';

const K = 'panels.setup.errors.';
const str = (v: unknown) => (typeof v === 'string' ? v : '');

const title = z.preprocess((v) => str(v).trim(), z.string().min(1, `${K}titleMissing`).max(200, `${K}titleTooLong`));
const purpose = z.preprocess((v) => str(v).trim(), z.string().max(3000, `${K}purposeTooLong`));

/** The grant round's money and closing time: checked together, only for grant rounds. */
type Money = { pot: string; closesDay: string; closesMonth: string; closesYear: string; closesTime: string };
const moneyFields = {
  pot: z.preprocess(str, z.string()),
  closesDay: z.preprocess((v) => str(v).trim(), z.string()),
  closesMonth: z.preprocess((v) => str(v).trim(), z.string()),
  closesYear: z.preprocess((v) => str(v).trim(), z.string()),
  closesTime: z.preprocess((v) => str(v).trim(), z.string()),
};

function checkMoney(data: Money, ctx: z.RefinementCtx): { potPence: number; closesAt: Date } | undefined {
  const potPence = parsePounds(data.pot);
  if (!data.pot.trim()) ctx.addIssue({ code: 'custom', path: ['pot'], message: `${K}potMissing` });
  else if (potPence === undefined) ctx.addIssue({ code: 'custom', path: ['pot'], message: `${K}potInvalid` });
  const date = readDate({ day: data.closesDay, month: data.closesMonth, year: data.closesYear });
  if (date === null) ctx.addIssue({ code: 'custom', path: ['closesDay'], message: `${K}closesMissing` });
  else if (date === 'invalid') ctx.addIssue({ code: 'custom', path: ['closesDay'], message: `${K}closesInvalid` });
  const time = data.closesTime ? parseClockTime(data.closesTime) : '23:59';
  if (!time) ctx.addIssue({ code: 'custom', path: ['closesTime'], message: `${K}timeInvalid` });
  if (potPence === undefined || date === null || date === 'invalid' || !time) return undefined;
  return { potPence, closesAt: londonToUtc(date, time) };
}

export type PanelInput = { kind: 'interview' | 'grant'; title: string; purpose: string; potPence: number | null; closesAt: Date | null };

export const newPanelForm = z
  .object({ kind: z.enum(['interview', 'grant'], { error: `${K}kindMissing` }), title, purpose, ...moneyFields })
  .transform((data, ctx): PanelInput => {
    const money = data.kind === 'grant' ? checkMoney(data, ctx) : undefined;
    return { kind: data.kind, title: data.title, purpose: data.purpose, potPence: money?.potPence ?? null, closesAt: money?.closesAt ?? null };
  });

export type PanelDetails = { title: string; purpose: string; youthWeight: number; scale: 'faces' | 'stars'; potPence: number | null; closesAt: Date | null; version: number };

/** The panel's details; `grant` says whether the pot and closing date are asked for. */
export const editPanelForm = (grant: boolean) =>
  z
    .object({
      title,
      purpose,
      youthWeight: z.preprocess((v) => str(v).trim().replace(/%$/, ''), z.string().regex(/^\d{1,3}$/, `${K}weightInvalid`).transform(Number).refine((n) => n <= 100, `${K}weightInvalid`)),
      scale: z.enum(['faces', 'stars'], { error: `${K}scaleMissing` }),
      ...moneyFields,
      version: z.preprocess(str, z.string().regex(/^\d{1,9}$/, `${K}stale`).transform(Number)),
    })
    .transform((data, ctx): PanelDetails => {
      const money = grant ? checkMoney(data, ctx) : undefined;
      return { title: data.title, purpose: data.purpose, youthWeight: data.youthWeight, scale: data.scale, potPence: money?.potPence ?? null, closesAt: money?.closesAt ?? null, version: data.version };
    });

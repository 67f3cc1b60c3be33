/**
 * The board's forms (issue 15 §2): a note, a move, a cluster. Checked with zod on the server only
 * (STYLE.md: server-side validation is the only validation); messages are catalogue keys.
 */
import { z } from 'zod';
import type { LiveColour } from '../../db/database.ts';
import { findSymbol } from '../../lib/symbols.ts';
import { COLOURS } from './core.ts';

/** The symbols offered as cards beside a note, in the words a child knows. */
export const NOTE_SYMBOLS = ['1F44D', '1F44E', '1F60A', '1F61F', '2764', '1F4A1', '2753', '2B50'] as const;

export const NOTE_MAX = 280;
export const CLUSTER_TITLE_MAX = 120;
/** The key a page puts in its form when drawn, so a form sent twice adds one note. */
export const CLIENT_KEY = /^[A-Za-z0-9_-]{8,64}$/;

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : Array.isArray(value) ? '' : '');
/** One value from a field a browser may send repeated (a tampered form): anything but a string is nothing. */
const one = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** An OpenMoji hexcode from the bundled set (an area's own pictures are not offered on the board). */
function symbolOrNull(value: unknown): string | null | undefined {
  const v = one(value).toUpperCase();
  if (v === '' || v === 'NONE') return null;
  return /^[0-9A-F]{4,6}(-[0-9A-F]{4,6})*$/.test(v) && findSymbol(v) ? v : undefined;
}

export function noteForm(columnKeys: readonly string[]) {
  return z
    .object({
      text: z.preprocess(text, z.string().max(NOTE_MAX, 'live.board.errors.noteTooLong')),
      symbol: z.preprocess(symbolOrNull, z.string({ error: 'live.board.errors.symbolUnknown' }).nullable()),
      colour: z.preprocess(one, z.enum(COLOURS as [LiveColour, ...LiveColour[]], 'live.board.errors.colourMissing')),
      column: z.preprocess(one, z.string().refine((v) => columnKeys.includes(v), 'live.board.errors.columnMissing')),
      clientKey: z.preprocess(one, z.string().regex(CLIENT_KEY, 'live.board.errors.formOld')),
    })
    .superRefine((v, ctx) => {
      if (v.text === '' && !v.symbol) ctx.addIssue({ code: 'custom', path: ['text'], message: 'live.board.errors.noteEmpty' });
    });
}
export type NoteInput = z.output<ReturnType<typeof noteForm>>;

export function moveForm(columnKeys: readonly string[]) {
  return z.object({ column: z.preprocess(one, z.string().refine((v) => columnKeys.includes(v), 'live.board.errors.columnMissing')) });
}

/**
 * A facilitator's move: to a column, into a cluster ("none": out of any), or up or down in its
 * group. `place` holds "column:<key>" or "cluster:<id>" from one select, so one button moves it.
 */
export const staffMoveForm = z.object({
  place: z.preprocess(one, z.union([z.literal(''), z.string().regex(/^(column:[a-z0-9]{1,12}|cluster:[0-9a-f-]{36})$/, 'live.board.errors.placeMissing')])),
  direction: z.preprocess(one, z.enum(['up', 'down', ''], 'live.board.errors.placeMissing')),
});

export function clusterForm(columnKeys: readonly string[]) {
  return z.object({
    title: z.preprocess(text, z.string().min(1, 'live.board.errors.clusterTitleMissing').max(CLUSTER_TITLE_MAX, 'live.board.errors.clusterTitleTooLong')),
    column: z.preprocess(one, z.string().refine((v) => columnKeys.includes(v), 'live.board.errors.columnMissing')),
  });
}
export type ClusterInput = z.output<ReturnType<typeof clusterForm>>;

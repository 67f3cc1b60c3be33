/**
 * The forms of "All about me" and "My views for my plan". A section's page posts every item on it
 * (text_0, symbol_0, photo_0 …, up to `count`) plus the new one (newText, newSymbol, newPhoto), so
 * whatever happens (an error, a symbol search, someone else saving first) the page can be shown again
 * with everything typed still there.
 */
import { z } from 'zod';
import { isId } from '../../lib/ids.ts';
import { findSymbol } from '../../lib/symbols.ts';
import type { ProfileItem } from './core.ts';
import { MAX_ITEMS_PER_SECTION } from './about-me.service.ts';

const K = 'profiles.aboutMe.errors.';
export const MAX_TEXT = 500;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const symbolOf = (v: unknown) => (typeof v === 'string' && !v.includes(':') && findSymbol(v) ? v : null);
const photoOf = (v: unknown) => (isId(v) ? v : null);

export type SectionForm = {
  version: number;
  items: ProfileItem[];
  newItem: ProfileItem | null;
  action: 'search' | 'add' | 'next' | 'remove' | 'save';
  remove: number | null;
};

/** Reads a section's page as it was posted (never throws); `problems` lists words that are too long. */
export function readSection(body: Record<string, unknown>): { form: SectionForm; problems: { field: string; text: string }[] } {
  const count = Math.max(0, Math.min(MAX_ITEMS_PER_SECTION, Number.parseInt(str(body.count), 10) || 0));
  const problems: { field: string; text: string }[] = [];
  const items: ProfileItem[] = [];
  for (let i = 0; i < count; i++) {
    const text = str(body[`text_${i}`]).trim();
    if (text.length > MAX_TEXT) problems.push({ field: `text_${i}`, text: `${K}long` });
    items.push({ text, symbol: symbolOf(body[`symbol_${i}`]), photoId: photoOf(body[`photo_${i}`]) });
  }
  const newText = str(body.newText).trim();
  if (newText.length > MAX_TEXT) problems.push({ field: 'newText', text: `${K}long` });
  const newItem = { text: newText, symbol: symbolOf(body.newSymbol), photoId: photoOf(body.newPhoto) };
  const raw = str(body.action);
  const removeMatch = /^remove:(\d{1,2})$/.exec(raw);
  const action = removeMatch ? 'remove' : raw === 'search' || raw === 'add' || raw === 'next' || raw === 'save' ? raw : 'save';
  const version = Number.parseInt(str(body.version), 10);
  return {
    form: {
      version: Number.isSafeInteger(version) && version >= 0 ? version : -1,
      items,
      newItem: newItem.text || newItem.symbol || newItem.photoId ? newItem : null,
      action,
      remove: removeMatch ? Number(removeMatch[1]) : null,
    },
    problems,
  };
}

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export const shareForm = z.object({
  email: z.preprocess(trimmed, z.string().min(1, `${K}email.missing`).max(320, `${K}email.invalid`).email(`${K}email.invalid`)),
  roleWords: z.preprocess(trimmed, z.string().min(1, `${K}roleWords.missing`).max(120, `${K}roleWords.long`)),
});

export const myViewsForm = z.object({
  title: z.preprocess(trimmed, z.string().min(1, `${K}title.missing`).max(120, `${K}title.long`)),
});

export const photoForm = z.object({
  alt: z.preprocess(trimmed, z.string().min(1, `${K}alt.missing`).max(300, `${K}alt.long`)),
});

export const stopForm = z.object({ shareId: z.string().refine(isId) });

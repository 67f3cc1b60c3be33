/**
 * Forms for an area's pictures and its branding. The file itself is checked in pictures.image.ts;
 * these are the words that go with it and the brand colour.
 */
import { z } from 'zod';

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** A picture's words for people who cannot see it: required, like every symbol's. */
export const altTextForm = z.object({
  altText: z.preprocess(text, z.string().min(1, 'pictures.errors.altText.missing').max(200, 'pictures.errors.altText.tooLong')),
});

/** Relative luminance (WCAG 2.2) of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of white text on this colour (1 to 21). */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

/** The header's text is white: the brand colour must give it WCAG AA contrast (4.5:1). */
export const MIN_CONTRAST = 4.5;

export const brandColourForm = z.object({
  brandColour: z.preprocess(
    (v) => {
      const t = text(v).toLowerCase();
      return /^[0-9a-f]{6}$/.test(t) ? `#${t}` : t;
    },
    z
      .string()
      .min(1, 'branding.errors.brandColour.missing')
      .regex(/^#[0-9a-f]{6}$/, 'branding.errors.brandColour.invalid')
      .refine((hex) => contrastWithWhite(hex) >= MIN_CONTRAST, 'branding.errors.brandColour.contrast'),
  ),
});

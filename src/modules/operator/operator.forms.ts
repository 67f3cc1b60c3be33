/**
 * The operator's form for creating an area.
 */
import { z } from 'zod';
import { displayName, email } from '../../lib/form-fields.ts';

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

export const createAreaForm = z.object({
  name: z.preprocess(text, z.string().min(1, 'validation.areaName.missing').max(120, 'validation.areaName.tooLong')),
  slug: z.preprocess(
    (v) => text(v).toLowerCase(),
    z.string().min(1, 'validation.slug.missing').max(60, 'validation.slug.tooLong').regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'validation.slug.invalid'),
  ),
  contactEmail: email('otherEmail'),
  adminName: displayName,
  adminEmail: email('otherEmail'),
});

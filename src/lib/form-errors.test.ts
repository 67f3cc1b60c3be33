import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { errorState, formError, parseForm } from './form-errors.ts';

test('errorState: the first problem of each field wins, links go to the field or its own id', () => {
  const state = errorState(
    [
      { field: 'title', text: 'Enter a title' },
      { field: 'date', text: 'Enter a real date' },
      { field: 'title', text: 'Title must be 200 characters or fewer' },
    ],
    { date: 'date-day' },
  );
  assert.deepEqual(state.errors, { title: 'Enter a title', date: 'Enter a real date' });
  assert.deepEqual(state.errorSummary, [
    { text: 'Enter a title', href: '#title' },
    { text: 'Enter a real date', href: '#date-day' },
  ]);
  assert.deepEqual(errorState({ code: 'Enter your code' }).errorSummary, [{ text: 'Enter your code', href: '#code' }], 'field messages work too');
});

test('parseForm: words from the catalogue with placeholders, in the order of the fields, whatever order the rules ran in', () => {
  const schema = z
    .object({ first: z.string().min(1, 'first.missing'), second: z.string().max(3, 'second.tooLong') })
    .superRefine((v, ctx) => {
      if (v.first === '') ctx.addIssue({ code: 'custom', path: ['first'], message: 'first.other' });
      if (v.second === 'no') ctx.addIssue({ code: 'custom', path: ['second'], message: 'second.refused', params: { word: 'no' } });
    });
  const t = (key: string, params?: Record<string, unknown>) => (params ? `${key} ${JSON.stringify(params)}` : key);
  const failed = parseForm(schema, { first: 'a', second: 'no' }, t);
  assert.equal(failed.ok, false);
  if (failed.ok) return;
  assert.deepEqual(failed.summary, [{ text: 'second.refused {"word":"no"}', href: '#second' }]);
  const both = parseForm(z.object({ a: z.string(), b: z.string().min(1, 'b.missing') }).superRefine((_v, ctx) => ctx.addIssue({ code: 'custom', path: ['a'], message: 'a.rule' })), { a: 'x', b: '' }, t);
  assert.ok(!both.ok);
  assert.deepEqual(both.summary.map((s) => s.href), ['#a', '#b'], 'a rule between fields is listed where its field is');
  assert.deepEqual(both.values, { a: 'x', b: '' }, 'what was typed comes back');
  const ok = parseForm(schema, { first: 'a', second: 'ok' }, t);
  assert.deepEqual(ok, { ok: true, data: { first: 'a', second: 'ok' } });
});

test('formError: one message against one field, linked to its id', () => {
  assert.deepEqual(formError('roles', 'Keep one administrator', {}, 'roles-admin'), {
    ok: false,
    errors: { roles: 'Keep one administrator' },
    summary: [{ text: 'Keep one administrator', href: '#roles-admin' }],
    values: {},
  });
});

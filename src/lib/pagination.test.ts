import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageHref, pageNumber, pageNumbersToShow, pageOf, pagination } from './pagination.ts';

test('a page number is whole digits; anything a person or an attacker could send otherwise is page 1', () => {
  assert.equal(pageNumber({ page: '3' }), 3);
  assert.equal(pageNumber({ page: ['4', '9'] }), 4, 'a repeated parameter: the first counts');
  assert.equal(pageNumber({ page: '007' }), 7);
  for (const odd of [undefined, '', '0', '-2', '2abc', '1e3', '0x10', ' 2', '2.5', 'Infinity', '9999999', { a: 1 }, ['x'], 5]) {
    assert.equal(pageNumber({ page: odd }), 1, JSON.stringify(odd));
  }
  assert.equal(pageNumber(undefined), 1);
  assert.equal(pageNumber('page=3'), 1);
});

test('a page past the end shows the last page; an empty list is page 1 of 1 showing nothing', () => {
  assert.deepEqual(pageOf(2, 57, 20), { page: 2, pageCount: 3, total: 57, limit: 20, offset: 20, first: 21, last: 40 });
  assert.deepEqual(pageOf(99, 57, 20), { page: 3, pageCount: 3, total: 57, limit: 20, offset: 40, first: 41, last: 57 });
  assert.deepEqual(pageOf(4, 0, 20), { page: 1, pageCount: 1, total: 0, limit: 20, offset: 0, first: 0, last: 0 });
  assert.equal(pageOf(Number.NaN, 57, 20).page, 1);
  assert.equal(pageOf(-3, 57, 20).page, 1);
});

test('links keep the filters, in order, and leave out empty ones and page 1', () => {
  assert.equal(pageHref('/list', { service: 'Health & care', year: 2026, empty: '', none: null }, 2), '/list?service=Health+%26+care&year=2026&page=2');
  assert.equal(pageHref('/list', { service: 'x' }, 1), '/list?service=x');
  assert.equal(pageHref('/list', { page: 5 }), '/list', 'a stale page in the filters is not kept');
});

test('page numbers: first, last, one either side, an ellipsis only for a gap of two or more', () => {
  assert.deepEqual(pageNumbersToShow(1, 1), [1]);
  assert.deepEqual(pageNumbersToShow(1, 5), [1, 2, null, 5]);
  assert.deepEqual(pageNumbersToShow(3, 5), [1, 2, 3, 4, 5], 'no ellipsis standing for one page');
  assert.deepEqual(pageNumbersToShow(6, 12), [1, null, 5, 6, 7, null, 12]);
  assert.deepEqual(pageNumbersToShow(12, 12), [1, null, 11, 12]);
});

test('the pagination component: nothing for one page; words from the list\'s own messages', () => {
  const t = (key: string, params?: Record<string, unknown>) => (params ? `${key}:${JSON.stringify(params)}` : key);
  assert.equal(pagination({ page: 1, pageCount: 1 }, { path: '/l' }, t, 'x'), undefined);
  const shown = pagination({ page: 2, pageCount: 3 }, { path: '/l', query: { q: 'a' } }, t, 'x')!;
  assert.equal(shown.landmarkLabel, 'x.pages');
  assert.deepEqual(shown.previous, { href: '/l?q=a', text: 'x.previous' });
  assert.deepEqual(shown.next, { href: '/l?q=a&page=3', text: 'x.next' });
  assert.deepEqual(shown.items[1], { number: 2, href: '/l?q=a&page=2', current: true, visuallyHiddenText: 'x.pageNumber:{"number":2}' });
  assert.equal(pagination({ page: 1, pageCount: 3 }, { path: '/l' }, t, 'x')!.previous, undefined);
  assert.equal(pagination({ page: 3, pageCount: 3 }, { path: '/l' }, t, 'x')!.next, undefined);
});

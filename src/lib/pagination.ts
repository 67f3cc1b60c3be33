/**
 * Long lists in pages, the same way on every page that has them: the page number read from a query
 * string (or a form that posts it back), where that number lands once the list's length is known,
 * and the govuk-frontend pagination component's parameters, with links that keep the filters.
 *
 * The rules, so that every list behaves alike:
 * - a page number is whole digits, 1 or more; anything else (empty, negative, "2abc", "1e3", a
 *   repeated or nested parameter) means page 1, never an error page: a link someone mangled should
 *   still show the list;
 * - a page past the end shows the last page (a list that shrank since the link was made, or a
 *   guessed number); an empty list is page 1 of 1, and the page says it is empty;
 * - page links show the first and last pages, the current one and one either side of it, with an
 *   ellipsis for a gap of more than one page (the GOV.UK Design System's pagination pattern).
 */

/** Higher numbers are treated as mistakes (page 1): no list here has a million pages. */
const PAGE_DIGITS = /^\d{1,6}$/;

/** The page asked for: a query string's (or posted form's) `page`, or 1 if it is not a page number. */
export function pageNumber(query: unknown, name = 'page'): number {
  const values = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const raw = Array.isArray(values[name]) ? (values[name] as unknown[])[0] : values[name];
  if (typeof raw !== 'string' || !PAGE_DIGITS.test(raw)) return 1;
  return Math.max(1, Number(raw));
}

/** One page of a list whose length is known. */
export type Page = {
  /** The page shown (1-based): the one asked for, or the last if that was past the end. */
  page: number;
  pageCount: number;
  total: number;
  /** For the query: LIMIT and OFFSET. */
  limit: number;
  offset: number;
  /** The items shown, 1-based, for "Showing 21 to 40 of 57" (0 and 0 when the list is empty). */
  first: number;
  last: number;
};

/** Where a requested page lands in a list of `total` items, `pageSize` a page. */
export function pageOf(requested: number, total: number, pageSize: number): Page {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Number.isInteger(requested) && requested > 1 ? requested : 1, pageCount);
  const offset = (page - 1) * pageSize;
  return { page, pageCount, total, limit: pageSize, offset, first: total === 0 ? 0 : offset + 1, last: Math.min(offset + pageSize, total) };
}

/** Query parameters to keep in page links (a filter's values); empty ones are left out. */
export type QueryValues = Record<string, string | number | null | undefined>;

/**
 * `path` with these query parameters, then the page (page 1 is left out: it is the list's own
 * address, so "first page" and "no page" are one URL).
 */
export function pageHref(path: string, query: QueryValues = {}, page = 1): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (key !== 'page' && value !== undefined && value !== null && value !== '') params.set(key, String(value));
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** The page numbers to link, in order, with null for a gap of two pages or more. */
export function pageNumbersToShow(page: number, pageCount: number): Array<number | null> {
  const wanted = [...new Set([1, page - 1, page, page + 1, pageCount])].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  const shown: Array<number | null> = [];
  for (const n of wanted) {
    const before = shown.at(-1);
    // A gap of exactly one page shows that page: an ellipsis would hide no more than the number does.
    if (typeof before === 'number' && n - before === 2) shown.push(before + 1);
    else if (typeof before === 'number' && n - before > 2) shown.push(null);
    shown.push(n);
  }
  return shown;
}

/** The govuk-frontend pagination component's parameters. */
export type PaginationParams = {
  landmarkLabel: string;
  previous?: { href: string; text: string };
  next?: { href: string; text: string };
  items: Array<{ number: number; href: string; current: boolean; visuallyHiddenText: string } | { ellipsis: true }>;
};

/**
 * The pagination component for a list, or undefined when it fits on one page (nothing to show).
 * `messages` is the catalogue prefix of the list's four texts: `<messages>.pages` (the landmark's
 * name), `.previous`, `.next` and `.pageNumber` (with {{number}}), so each list can say what its
 * pages are of ("Pages of contributions") in English and Welsh.
 */
export function pagination(
  current: { page: number; pageCount: number },
  link: { path: string; query?: QueryValues },
  t: (key: string, params?: Record<string, unknown>) => string,
  messages: string,
): PaginationParams | undefined {
  const { page, pageCount } = current;
  if (pageCount <= 1) return undefined;
  const href = (n: number) => pageHref(link.path, link.query, n);
  return {
    landmarkLabel: t(`${messages}.pages`),
    previous: page > 1 ? { href: href(page - 1), text: t(`${messages}.previous`) } : undefined,
    next: page < pageCount ? { href: href(page + 1), text: t(`${messages}.next`) } : undefined,
    items: pageNumbersToShow(page, pageCount).map((n) =>
      n === null ? { ellipsis: true as const } : { number: n, href: href(n), current: n === page, visuallyHiddenText: t(`${messages}.pageNumber`, { number: n }) },
    ),
  };
}

/**
 * Reading a page as a person does (Testing Library's queries on a happy-dom document): find things by
 * role, label and text, not by regular expressions over markup. A route test gets the HTML from
 * `app.inject()` and asks, for example:
 *
 *   const page = readPage(response.body);
 *   page.getByRole('heading', { level: 1, name: 'Your account' });
 *   page.getByLabelText('Email address');           // the field a label names
 *   page.errorSummary();                             // ['Enter your email address']
 *   page.queryByText(/Riverside/) === null;          // nothing from the other area
 *
 * Scripts never run and nothing is fetched: the document is only parsed (decision 0017).
 */
import { getQueriesForElement, type BoundFunctions, type queries } from '@testing-library/dom';
import { Window } from 'happy-dom';

/** For looking inside one part of a page (a table, a fieldset, the error summary) with the same queries. */
export { within } from '@testing-library/dom';

export type Page = BoundFunctions<typeof queries> & {
  document: Document;
  /** The page's one h1, in words. */
  heading(): string;
  /** The error summary's messages, in order (empty when the page has none). */
  errorSummary(): string[];
  /** The error summary's messages with the field each one leads to, as '#field message', in order. */
  errorLinks(): string[];
  /** Each field's error message, by the id of the field it belongs to. */
  fieldError(fieldId: string): string | null;
  /** The visible words of the page (or of `main`), spaces collapsed. */
  text(where?: 'main' | 'body'): string;
  /** A form field's current value by its label: what a person would see in it. */
  valueOf(label: string | RegExp): string;
  /** Whether a checkbox or radio with this label is ticked. */
  isChecked(label: string | RegExp): boolean;
  /** Every link's href, for checking where a page leads. */
  links(): Array<{ name: string; href: string }>;
  /** The rows of a table's body, found by the table's name (its caption), as each cell's words. */
  tableRows(name: string | RegExp): string[][];
  /** A hidden field's value by its name: what the form sends back unseen (a version, an idempotency key). */
  hiddenValue(name: string): string | null;
  /** The words of the success banner shown after a change (announced as an alert), or null when none. */
  flash(): string | null;
  /** The words under a heading, up to the next heading of the same or a higher level. */
  section(heading: string | RegExp): string;
};

const windowSettings = {
  disableJavaScriptEvaluation: true,
  disableJavaScriptFileLoading: true,
  disableCSSFileLoading: true,
  disableIframePageLoading: true,
  disableComputedStyleRendering: false,
  handleDisabledFileLoadingAsSuccess: true,
} as const;

const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Whether the elements come one after another in the page, as a person reading down it meets them. */
export function inReadingOrder(...elements: Element[]): boolean {
  return elements.every((element, i) => i === 0 || Boolean(elements[i - 1]!.compareDocumentPosition(element) & 4 /* DOCUMENT_POSITION_FOLLOWING */));
}

/** Parses a whole page (or a fragment) into a document and binds every Testing Library query to its body. */
export function readPage(html: string): Page {
  const window = new Window({ url: 'http://localhost/', settings: windowSettings });
  const document = window.document as unknown as Document;
  document.write(html);
  const body = document.body as unknown as HTMLElement;
  const bound = getQueriesForElement(body);
  const page: Page = {
    ...bound,
    document,
    heading() {
      const headings = bound.getAllByRole('heading', { level: 1 });
      if (headings.length !== 1) throw new Error(`Expected one h1, found ${headings.length}: ${headings.map((h) => squash(h.textContent)).join(' | ')}`);
      return squash(headings[0]!.textContent);
    },
    errorSummary() {
      const summary = document.querySelector('.govuk-error-summary');
      if (!summary) return [];
      return [...summary.querySelectorAll('.govuk-error-summary__list li')].map((li) => squash(li.textContent));
    },
    errorLinks() {
      const summary = document.querySelector('.govuk-error-summary');
      if (!summary) return [];
      return [...summary.querySelectorAll('.govuk-error-summary__list a')].map((a) => `${a.getAttribute('href') ?? ''} ${squash(a.textContent)}`);
    },
    fieldError(fieldId) {
      const field = document.getElementById(fieldId);
      const describedBy = (field?.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
      for (const id of describedBy) {
        const element = document.getElementById(id);
        if (element?.classList.contains('govuk-error-message')) return squash(element.textContent).replace(/^Error:\s*/, '');
      }
      const group = field?.closest('.govuk-form-group--error');
      const message = group?.querySelector('.govuk-error-message');
      return message ? squash(message.textContent).replace(/^Error:\s*/, '') : null;
    },
    text(where = 'main') {
      const root = where === 'main' ? (document.querySelector('main') ?? body) : body;
      return squash(root.textContent);
    },
    valueOf(label) {
      const field = bound.getByLabelText(label) as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
      if (field.tagName === 'SELECT') {
        const select = field as HTMLSelectElement;
        const chosen = select.querySelector('option[selected]') ?? select.querySelector('option');
        return chosen?.getAttribute('value') ?? squash(chosen?.textContent);
      }
      if (field.tagName === 'TEXTAREA') return field.textContent ?? '';
      return field.getAttribute('value') ?? '';
    },
    isChecked(label) {
      return (bound.getByLabelText(label) as HTMLInputElement).hasAttribute('checked');
    },
    links() {
      return [...document.querySelectorAll('a[href]')].map((a) => ({ name: squash(a.textContent), href: a.getAttribute('href') ?? '' }));
    },
    tableRows(name) {
      const table = bound.getByRole('table', { name });
      const rows = table.querySelectorAll('tbody tr');
      return [...rows].map((row) => [...row.querySelectorAll('th, td')].map((cell) => squash(cell.textContent)));
    },
    hiddenValue(name) {
      const field = [...document.querySelectorAll('input[type="hidden"]')].find((input) => input.getAttribute('name') === name);
      return field ? (field.getAttribute('value') ?? '') : null;
    },
    flash() {
      const banner = bound.queryByRole('alert', { name: 'Success' });
      const title = banner?.querySelector('h2');
      return banner ? squash(banner.textContent).slice(squash(title?.textContent).length).trim() : null;
    },
    section(heading) {
      const start = bound.getByRole('heading', { name: heading });
      const level = Number(start.tagName.slice(1));
      const words: string[] = [];
      let inside = false;
      let done = false;
      const walk = (node: Node) => {
        for (const child of node.childNodes) {
          if (done) return;
          if (child === start) {
            inside = true;
            continue;
          }
          if (child.nodeType === 1) {
            const tag = (child as Element).tagName;
            if (tag === 'SCRIPT' || tag === 'STYLE') continue;
            if (inside && /^H[1-6]$/.test(tag) && Number(tag.slice(1)) <= level) {
              done = true;
              return;
            }
            walk(child);
          } else if (inside && child.nodeType === 3) words.push(child.textContent ?? '');
        }
      };
      walk(body);
      return squash(words.join(' '));
    },
  };
  return page;
}

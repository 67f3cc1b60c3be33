import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readPage } from './dom.ts';

const PAGE = `<!doctype html><html lang="en"><head><title>Sign in</title><script>document.title = 'ran'</script></head><body>
<header><a href="/">Riverside</a></header><main>
<div class="govuk-error-summary"><h2>There is a problem</h2><ul class="govuk-error-summary__list"><li><a href="#email">Enter your email address</a></li></ul></div>
<h1 class="govuk-heading-l">Sign in</h1>
<form method="post"><div class="govuk-form-group govuk-form-group--error"><label for="email">Email address</label>
<p id="email-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> Enter your email address</p>
<input id="email" name="email" value="a&amp;b@example.org" aria-describedby="email-error"></div>
<textarea id="note" name="note" aria-label="Note">Line one</textarea>
<select id="size" aria-label="Size"><option value="s">Small</option><option value="m" selected>Medium</option></select>
<input type="checkbox" id="keep" checked><label for="keep">Keep me signed in</label>
<button>Continue</button></form></main></body></html>`;

test('a page read like a person reads it: heading, labels, values, errors, links; scripts never run', () => {
  const page = readPage(PAGE);
  assert.equal(page.heading(), 'Sign in');
  assert.deepEqual(page.errorSummary(), ['Enter your email address']);
  assert.equal(page.fieldError('email'), 'Enter your email address');
  assert.equal(page.valueOf('Email address'), 'a&b@example.org');
  assert.equal(page.valueOf('Note'), 'Line one');
  assert.equal(page.valueOf('Size'), 'm');
  assert.equal(page.isChecked('Keep me signed in'), true);
  assert.ok(page.getByRole('button', { name: 'Continue' }));
  assert.deepEqual(page.links(), [{ name: 'Riverside', href: '/' }, { name: 'Enter your email address', href: '#email' }]);
  assert.equal(page.document.title, 'Sign in');
  assert.throws(() => page.getByRole('button', { name: 'Delete' }));
  assert.deepEqual(readPage('<main><h1>x</h1></main>').errorSummary(), []);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inReadingOrder, readPage } from './dom.ts';

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
  assert.ok(inReadingOrder(page.getByRole('heading', { name: 'Sign in' }), page.getByLabelText('Email address'), page.getByRole('button', { name: 'Continue' })));
  assert.ok(!inReadingOrder(page.getByRole('button', { name: 'Continue' }), page.getByLabelText('Email address')));
});

test('the error summary with where each message leads, a table by its caption, and a hidden field', () => {
  const page = readPage(`<main><div class="govuk-error-summary"><ul class="govuk-error-summary__list"><li><a href="#name">Enter a name</a></li><li><a href="#role">Select a role</a></li></ul></div>
<table><caption>Recent sign-in activity</caption><thead><tr><th>When</th><th>What</th></tr></thead>
<tbody><tr><td>Today</td><td>Signed  in</td></tr><tr><td>Yesterday</td><td>Failed sign-in attempt</td></tr></tbody></table>
<form><input type="hidden" name="version" value="3"><input type="hidden" name="_csrf" value=""></form></main>`);
  assert.deepEqual(page.errorLinks(), ['#name Enter a name', '#role Select a role']);
  assert.deepEqual(page.tableRows('Recent sign-in activity'), [['Today', 'Signed in'], ['Yesterday', 'Failed sign-in attempt']]);
  assert.throws(() => page.tableRows('Audit log'));
  assert.equal(page.hiddenValue('version'), '3');
  assert.equal(page.hiddenValue('_csrf'), '');
  assert.equal(page.hiddenValue('idempotencyKey'), null);
  assert.deepEqual(readPage('<main></main>').errorLinks(), []);
});

test('the success banner in words, and the words under one heading', () => {
  const page = readPage(`<main><div class="govuk-notification-banner" role="alert" aria-labelledby="t"><h2 id="t">Success</h2><p>Area settings saved</p></div>
<h1>Activity</h1><h2>Planning checklist</h2><div><p>Questions shared in advance</p><h3>Notice</h3><p>Check this</p></div><h2>Contact</h2><p>Jess</p></main>`);
  assert.equal(page.flash(), 'Area settings saved');
  assert.equal(page.section('Planning checklist'), 'Questions shared in advance Notice Check this');
  assert.equal(page.section('Notice'), 'Check this');
  assert.equal(page.section('Contact'), 'Jess');
  assert.equal(readPage('<main><h1>x</h1></main>').flash(), null);
});

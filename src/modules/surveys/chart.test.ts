/**
 * The SVG charts: named and described for screen readers, labels escaped, hidden values drawn as
 * nothing that could be measured.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { barChart, escapeXml, stackedBarChart, wrapLabel } from './chart.ts';

const attr = (svg: string, name: string) => new RegExp(`<svg[^>]* ${name}="([^"]*)"`).exec(svg)?.[1];

test('a bar chart is one image named by its title and described by every value', () => {
  const svg = barChart({
    id: 'chart-1',
    title: 'Chart: How do you feel?',
    intro: 'Bar chart of percentages.',
    bars: [
      { label: 'Happy', percent: 60, valueText: '12 (60%)' },
      { label: 'Sad', percent: null, valueText: 'fewer than 8' },
    ],
  });
  assert.equal(attr(svg, 'role'), 'img');
  assert.equal(attr(svg, 'aria-labelledby'), 'chart-1-title chart-1-desc');
  assert.match(svg, /<title id="chart-1-title">Chart: How do you feel\?<\/title>/);
  assert.match(svg, /<desc id="chart-1-desc">Bar chart of percentages\. Happy: 12 \(60%\)\. Sad: fewer than 8\.<\/desc>/);
  // One bar drawn, 60% of the bar span; the hidden value has no bar at all, only its words.
  const rects = [...svg.matchAll(/<rect [^>]*width="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(rects, ['36%']);
  assert.match(svg, />fewer than 8<\/text>/);
  // Sized in CSS pixels with no viewBox, so text does not shrink on a 320 px screen.
  assert.equal(attr(svg, 'width'), '100%');
  assert.equal(attr(svg, 'viewBox'), undefined);
  assert.doesNotMatch(svg, /style=/, 'no inline styles (the CSP forbids them)');
});

test('labels are escaped: an option label cannot inject markup or script', () => {
  const hostile = '<script>alert(1)</script> & "quotes" \'too\' </svg><img src=x onerror=alert(1)>';
  const svg = barChart({ id: 'c', title: hostile, intro: hostile, bars: [{ label: hostile, percent: 10, valueText: hostile }] });
  assert.doesNotMatch(svg, /<script/);
  assert.doesNotMatch(svg, /<img/);
  assert.doesNotMatch(svg, /<\/svg><img/);
  assert.match(svg, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;/);
  assert.equal((svg.match(/<svg/g) ?? []).length, 1);
  assert.equal(escapeXml('a<b>&"\''), 'a&lt;b&gt;&amp;&quot;&#39;');
});

test('long labels wrap onto lines that fit a phone, and very long ones end with an ellipsis', () => {
  assert.deepEqual(wrapLabel('Available in the school holidays and at weekends too'), ['Available in the school holidays', 'and at weekends too']);
  const lines = wrapLabel('word '.repeat(100));
  assert.equal(lines.length, 3);
  assert.ok(lines.every((l) => l.length <= 32));
  assert.ok(lines[2]!.endsWith('…'));
  assert.deepEqual(wrapLabel('x'.repeat(40)), ['x'.repeat(32), 'x'.repeat(8)], 'a long word is cut, not left to overflow');
});

test('a stacked chart names its piles, differs by pattern as well as colour, and lumps hidden shares together', () => {
  const svg = stackedBarChart({
    id: 'sort',
    title: 'Chart: What would you like to do?',
    intro: 'Stacked bars.',
    series: [{ label: 'I like it' }, { label: 'Not sure' }, { label: "I don't like it" }],
    hiddenLabel: 'Hidden (small numbers)',
    rows: [
      { label: 'Swimming', segments: [50, 25, 25], valueText: 'I like it 10 (50%), Not sure 5 (25%), I don\'t like it 5 (25%)' },
      { label: 'Cooking', segments: [80, null, null], valueText: 'I like it 16 (80%), Not sure fewer than 8, I don\'t like it hidden' },
    ],
  });
  assert.equal(attr(svg, 'role'), 'img');
  for (const words of ['I like it', 'Not sure', 'I don&#39;t like it', 'Hidden (small numbers)']) assert.ok(svg.includes(`>${words}</text>`), words);
  assert.match(svg, /<desc id="sort-desc">Stacked bars\. Swimming: I like it 10 \(50%\), .*Cooking: I like it 16 \(80%\), Not sure fewer than 8, I don&#39;t like it hidden\.<\/desc>/);
  assert.match(svg, /fill="url\(#sort-hatch\)"/);
  assert.match(svg, /fill="url\(#sort-dots\)"/);
  // Cooking: 80% shown, the other 20% as one hidden block (its size is known from the total anyway).
  assert.match(svg, /<rect x="80%" y="\d+" width="20%" height="24" fill="url\(#sort-hidden\)"/);

  const nothingHidden = stackedBarChart({ id: 's2', title: 'T', intro: 'I', series: [{ label: 'Like' }], hiddenLabel: 'Hidden (small numbers)', rows: [{ label: 'A', segments: [100], valueText: '9 (100%)' }] });
  assert.ok(!nothingHidden.includes('Hidden (small numbers)'), 'the key only names "hidden" when something is');
});

/**
 * The report chart (issue 14 §3): a standalone, accessible SVG. Every text escaped, hidden counts
 * draw no bar and say so, one series per value column with a legend, each bar labelled with its number.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { translator } from '../../lib/messages/messages.ts';
import { chartSvg } from './chart.ts';
import { countCell, type ReportChart, type ReportTable } from './sections.ts';

const t = translator('en');

const table: ReportTable = {
  id: 'levels',
  caption: 'Activities by level',
  columns: [{ label: 'Level' }, { label: 'Planned', numeric: true }, { label: 'Achieved', numeric: true }],
  rows: [
    ['Informing', countCell(24), countCell(20)],
    ['Co-production', countCell(3, 'small'), countCell(9)],
    ['<script>alert("x")</script> & co', countCell(12), countCell(5, 'secondary')],
  ],
};
const chart: ReportChart = { id: 'levels chart', title: 'Levels <b>planned</b>', description: 'How many activities "planned" & achieved each level.', tableId: 'levels', labelColumn: 0, valueColumns: [1] };

function bars(svg: string): string[] {
  return [...svg.matchAll(/<rect x="0" y="(\d+)" width="(\d+)" height="20"/g)].map((m) => m[2]!);
}

test('a hostile label, title and description are escaped; the SVG is one well-formed image', () => {
  const svg = chartSvg(chart, table, t);
  assert.ok(!svg.includes('<script>'), 'no raw script tag');
  assert.ok(!svg.includes('<b>'), 'no raw markup from the title');
  assert.ok(svg.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co'));
  assert.ok(svg.includes('<title id="chart-levels-chart-title">Levels &lt;b&gt;planned&lt;/b&gt;</title>'));
  assert.match(svg, /<desc id="chart-levels-chart-desc">How many activities &quot;planned&quot; &amp; achieved each level\./);
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 320 \d+" width="320" height="\d+" role="img" aria-labelledby="chart-levels-chart-title chart-levels-chart-desc"/);
  assert.ok(!/class=/.test(svg), 'no CSS classes: it is rasterised on its own');
  assert.ok(svg.endsWith('</svg>'));
});

test('a hidden count draws no bar and says "fewer than 8"; shown counts draw a bar with their number', () => {
  const svg = chartSvg(chart, table, t);
  // Informing 24 (the longest), co-production hidden (no bar), the third 12 (half as long).
  const widths = bars(svg).map(Number);
  assert.equal(widths.length, 2);
  assert.equal(widths[1], Math.round(widths[0]! / 2));
  assert.ok(svg.includes('>fewer than 8</text>'));
  assert.ok(svg.includes('>24</text>') && svg.includes('>12</text>'));
  assert.ok(!svg.includes('>3</text>'), 'the hidden number never appears');
  assert.ok(!/>3</.test(svg.replace(/<desc[^]*<\/desc>/, '')));
  // The description says every value too, hidden ones as words.
  assert.match(svg, /Co-production: fewer than 8/);
});

test('one series per value column, with a legend only when there is more than one', () => {
  const one = chartSvg(chart, table, t);
  assert.ok(!one.includes('>Planned</text>'), 'one series: no legend');
  const two = chartSvg({ ...chart, valueColumns: [1, 2] }, table, t);
  assert.ok(two.includes('>Planned</text>') && two.includes('>Achieved</text>'), 'a legend naming each series');
  // Second series is hatched (a pattern, not only another colour).
  assert.match(two, /<pattern id="chart-levels-chart-s1"/);
  assert.match(two, /fill="url\(#chart-levels-chart-s1\)"/);
  // 24, 20, 9, 12 drawn; 3 (small) and 5 (secondary) not.
  assert.equal(bars(two).length, 4);
  assert.ok(two.includes('>hidden</text>'));
  assert.match(two, /Informing: Planned 24, Achieved 20/);
});

test('no rows and out-of-range columns give an empty but valid picture, not an error', () => {
  const svg = chartSvg({ ...chart, valueColumns: [1, 7] }, { ...table, rows: [] }, t);
  assert.match(svg, /^<svg [^>]*role="img"/);
  assert.equal(bars(svg).length, 0);
});

test('a row with no count in the drawn columns (a total of words, say) is left out of the picture', () => {
  const svg = chartSvg(chart, { ...table, rows: [...table.rows, ['All levels', '']] }, t);
  assert.ok(!svg.includes('All levels'));
});

test('Welsh numbers and words', () => {
  const svg = chartSvg(chart, { ...table, rows: [['Un', countCell(1204)]] }, translator('cy'), 'cy');
  assert.ok(svg.includes('>1,204</text>'));
});

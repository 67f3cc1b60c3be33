/**
 * A report chart as a PNG for the PDF and the DOCX: the very SVG the page shows (chart.ts), drawn by
 * sharp (librsvg). Twice the SVG's size, so it stays sharp when printed.
 *
 * Fonts: librsvg finds fonts through fontconfig. A machine with no fonts installed would draw the bars
 * without their words, so Chorus points fontconfig at the DejaVu fonts it ships (the dejavu-fonts-ttf
 * package, also the PDF's font) as well as the system's own, before sharp first draws text.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { chartSvg } from './chart.ts';
import type { ReportChart, ReportTable, Translate } from './sections.ts';

const require = createRequire(import.meta.url);

/** The folder of the DejaVu TrueType fonts shipped with Chorus' dependencies. */
export const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

let fontsReady = false;

/** Once per process: a fontconfig file that adds Chorus' fonts to the system's (unless one is set already). */
function ensureFonts(): void {
  if (fontsReady) return;
  fontsReady = true;
  if (process.env.FONTCONFIG_FILE) return;
  const folder = join(tmpdir(), 'chorus-fontconfig');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'fonts.conf');
  const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
      `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n` +
      `  <dir>${escape(FONT_DIR)}</dir>\n` +
      `  <cachedir>${escape(join(folder, 'cache'))}</cachedir>\n` +
      `  <alias><family>Arial</family><prefer><family>DejaVu Sans</family></prefer></alias>\n` +
      `</fontconfig>\n`,
  );
  process.env.FONTCONFIG_FILE = file;
}

export type ChartImage = { png: Buffer; width: number; height: number; svg: string };

/** The chart's SVG's own size in pixels (its width and height attributes). */
function svgSize(svg: string): { width: number; height: number } {
  const open = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const read = (name: string) => Number(new RegExp(`\\s${name}="([0-9.]+)"`).exec(open)?.[1]);
  const viewBox = /viewBox="[0-9.\s-]*?([0-9.]+)\s+([0-9.]+)"/.exec(open);
  const width = read('width') || Number(viewBox?.[1]) || 400;
  const height = read('height') || Number(viewBox?.[2]) || 300;
  return { width, height };
}

/** The chart as a PNG at twice its size, with its size in pixels at 1× (what the page shows). */
export async function chartPng(chart: ReportChart, table: ReportTable, t: Translate, lang: 'en' | 'cy'): Promise<ChartImage> {
  ensureFonts();
  const svg = chartSvg(chart, table, t, lang);
  const { width, height } = svgSize(svg);
  const png = await sharp(Buffer.from(svg), { density: 144 }).flatten({ background: '#ffffff' }).png().toBuffer();
  return { png, width, height, svg };
}

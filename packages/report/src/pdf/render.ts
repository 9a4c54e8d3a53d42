import PDFDocument from 'pdfkit';
import type { Block, ReportDocument, Section, TableBlock } from '../document.js';
import { cutText, fitForPdf, PDF_TEXT_LIMITS } from './fit.js';
import { findCjkFont, type CjkFont } from './fonts.js';

/**
 * PDF renderer (pdfkit): A4 pages, the Chinese font embedded as a subset, tables that repeat their
 * header row across pages, running header and "page n of N" footer. Layout is done here, block by
 * block, so nothing depends on a browser.
 */

export interface PdfOptions {
  /** Font to embed; default findCjkFont() (GREENLCA_CJK_FONT or Debian fonts-noto-cjk …). */
  font?: CjkFont;
  /** PDF creation date (default: the report's date, else 2000-01-01 so output is reproducible). */
  creationDate?: Date;
  author?: string;
}

const A4 = { width: 595.28, height: 841.89 };
const M = { top: 62, bottom: 58, left: 50, right: 50 };
const CONTENT = A4.width - M.left - M.right;
const BOTTOM = A4.height - M.bottom;

const C = {
  ink: '#1d2a26', muted: '#5b6b66', line: '#cfd8d4', band: '#f3f7f5', green: '#1f7a4d',
  warn: '#fff6dc', warnEdge: '#c99a00', fail: '#fde8e6', failEdge: '#b3261e', pass: '#e6f4ec', info: '#e9f1fa', infoEdge: '#2d6fb3',
};

const SIZE = { body: 9.5, table: 8, small: 7.5, h1: 22, h2: 13.5, h3: 11 };
const PAD = 3;

type Doc = PDFKit.PDFDocument;

class Layout {
  /** Our own cursor: pdfkit moves doc.y after every text call, we place text explicitly. */
  y = M.top;

  constructor(readonly doc: Doc) {}

  font(bold: boolean, size: number, color = C.ink): void {
    this.doc.font(bold ? 'cjk-bold' : 'cjk').fontSize(size).fillColor(color);
  }

  /** Start a new page if `h` points do not fit below the cursor. */
  ensure(h: number): void {
    if (this.y + h > BOTTOM) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.y = M.top;
  }

  height(text: string, width: number, bold: boolean, size: number): number {
    this.font(bold, size);
    return this.doc.heightOfString(text || ' ', { width, lineGap: 1 });
  }

  /** Text at (x, y) in a box of `width`, without pdfkit's own page breaking. */
  put(text: string, x: number, y: number, width: number, opts: { bold?: boolean; size?: number; color?: string; align?: 'left' | 'right' | 'center' } = {}): void {
    this.font(opts.bold ?? false, opts.size ?? SIZE.body, opts.color ?? C.ink);
    const saved = this.doc.page.margins.bottom;
    this.doc.page.margins.bottom = 0;
    this.doc.text(text, x, y, { width, align: opts.align ?? 'left', lineGap: 1, lineBreak: true });
    this.doc.page.margins.bottom = saved;
  }

  /** A paragraph that may run over pages: split into lines that fit, page by page. */
  paragraph(text: string, opts: { size?: number; color?: string; indent?: number; bold?: boolean } = {}): void {
    const size = opts.size ?? SIZE.body;
    const indent = opts.indent ?? 0;
    const width = CONTENT - indent;
    for (const part of text.split('\n')) {
      const h = this.height(part, width, opts.bold ?? false, size);
      if (h <= BOTTOM - M.top) {
        this.ensure(h);
        this.put(part, M.left + indent, this.y, width, { size, color: opts.color ?? C.ink, bold: opts.bold ?? false });
        this.y += h;
      } else {
        // Longer than a page: let pdfkit flow it over pages.
        this.font(opts.bold ?? false, size, opts.color ?? C.ink);
        this.doc.text(part, M.left + indent, this.y, { width, lineGap: 1 });
        this.y = this.doc.y;
      }
    }
    this.y += 3;
  }

  rect(x: number, y: number, w: number, h: number, fill?: string, stroke?: string, lineWidth = 0.5): void {
    this.doc.save();
    this.doc.lineWidth(lineWidth);
    if (fill && stroke) this.doc.rect(x, y, w, h).fillAndStroke(fill, stroke);
    else if (fill) this.doc.rect(x, y, w, h).fill(fill);
    else if (stroke) this.doc.rect(x, y, w, h).stroke(stroke);
    this.doc.restore();
  }
}

function widths(t: { columns: { width?: number }[] }, total = CONTENT): number[] {
  const sum = t.columns.reduce((s, c) => s + (c.width ?? 1), 0);
  return t.columns.map((c) => (total * (c.width ?? 1)) / sum);
}

const TONE_FILL: Record<string, string | undefined> = { pass: C.pass, fail: C.fail, warn: C.warn, neutral: undefined };

function drawTable(L: Layout, t: TableBlock): void {
  const w = widths(t);
  const rowHeight = (cells: string[], bold: boolean) =>
    Math.max(...cells.map((c, i) => L.height(c, w[i]! - 2 * PAD, bold, SIZE.table))) + 2 * PAD;
  const drawRow = (cells: string[], bold: boolean, fill: string | undefined) => {
    const h = rowHeight(cells, bold);
    let x = M.left;
    if (fill) L.rect(M.left, L.y, CONTENT, h, fill);
    cells.forEach((cell, i) => {
      const align = t.columns[i]?.align ?? 'left';
      L.put(cell, x + PAD, L.y + PAD, w[i]! - 2 * PAD, { size: SIZE.table, bold, align });
      L.rect(x, L.y, w[i]!, h, undefined, C.line);
      x += w[i]!;
    });
    L.y += h;
  };
  const header = t.columns.map((c) => c.label);
  const headerH = rowHeight(header, true);
  if (t.caption) {
    const ch = L.height(t.caption, CONTENT, true, SIZE.body);
    L.ensure(ch + headerH + rowHeight(t.rows[0] ?? header, false) + 4);
    L.put(t.caption, M.left, L.y, CONTENT, { bold: true });
    L.y += ch + 2;
  } else {
    L.ensure(headerH + rowHeight(t.rows[0] ?? header, false));
  }
  drawRow(header, true, C.band);
  t.rows.forEach((row, i) => {
    const h = rowHeight(row, false);
    if (L.y + h > BOTTOM) {
      L.newPage();
      drawRow(header, true, C.band);
    }
    drawRow(row, false, TONE_FILL[t.tones?.[i] ?? 'neutral']);
  });
  const noteH = t.note ? L.height(t.note, CONTENT, false, SIZE.small) + 4 : 0;
  (t.footer ?? []).forEach((row, i, all) => {
    // Keep the last total row and the note on one page.
    L.ensure(rowHeight(row, true) + (i === all.length - 1 ? noteH : 0));
    drawRow(row, true, C.band);
  });
  L.y += 4;
  if (t.note) L.paragraph(t.note, { size: SIZE.small, color: C.muted });
  else L.y += 2;
}

function drawFields(L: Layout, rows: [string, string][]): void {
  const w = [CONTENT * 0.3, CONTENT * 0.7];
  for (const [k, v] of rows) {
    const h = Math.max(L.height(k, w[0]! - 2 * PAD, true, SIZE.table + 0.5), L.height(v, w[1]! - 2 * PAD, false, SIZE.table + 0.5)) + 2 * PAD;
    L.ensure(h);
    L.rect(M.left, L.y, w[0]!, h, C.band, C.line);
    L.rect(M.left + w[0]!, L.y, w[1]!, h, undefined, C.line);
    L.put(k, M.left + PAD, L.y + PAD, w[0]! - 2 * PAD, { size: SIZE.table + 0.5, bold: true });
    L.put(v, M.left + w[0]! + PAD, L.y + PAD, w[1]! - 2 * PAD, { size: SIZE.table + 0.5 });
    L.y += h;
  }
  L.y += 6;
}

function drawFigures(L: Layout, items: { label: string; value: string; unit?: string; emphasis?: boolean; tone?: 'pass' | 'fail' | 'warn' }[]): void {
  const gap = 8;
  const emphasised = items.filter((i) => i.emphasis).length;
  // Emphasised figures get twice the width.
  const units = items.length + emphasised;
  const unitW = (CONTENT - gap * (items.length - 1)) / units;
  const h = 58;
  L.ensure(h + 6);
  let x = M.left;
  for (const f of items) {
    const bw = unitW * (f.emphasis ? 2 : 1);
    // An emphasised verdict is green only for a pass: incomplete is amber, fail red.
    const fill = f.tone === 'warn' ? C.warn : f.tone === 'fail' ? C.fail : C.pass;
    const edge = f.tone === 'warn' ? C.warnEdge : f.tone === 'fail' ? C.failEdge : C.green;
    L.rect(x, L.y, bw, h, f.emphasis ? fill : undefined, f.emphasis ? edge : C.line, f.emphasis ? 1.2 : 0.5);
    L.put(f.label, x + 8, L.y + 6, bw - 16, { size: SIZE.small + 0.5, color: C.muted });
    L.put(f.value, x + 8, L.y + 18, bw - 16, { size: f.emphasis ? 17 : 13, bold: true, color: f.emphasis ? edge : C.ink });
    if (f.unit) L.put(f.unit, x + 8, L.y + 42, bw - 16, { size: SIZE.small, color: C.muted });
    x += bw + gap;
  }
  L.y += h + 8;
}

function drawBars(L: Layout, caption: string | undefined, items: { label: string; value: number; text: string }[]): void {
  const labelW = 80;
  const valueW = 150;
  const trackW = CONTENT - labelW - valueW - 12;
  const rowH = 14;
  if (caption) {
    L.ensure(rowH * (items.length + 1));
    L.put(caption, M.left, L.y, CONTENT, { bold: true });
    L.y += L.height(caption, CONTENT, true, SIZE.body) + 2;
  }
  const max = Math.max(...items.map((i) => Math.abs(i.value)), 0);
  for (const i of items) {
    L.ensure(rowH);
    L.put(i.label, M.left, L.y + 2, labelW, { size: SIZE.table });
    L.rect(M.left + labelW + 6, L.y + 3, trackW, rowH - 6, C.band);
    const bw = max === 0 ? 0 : (trackW * Math.abs(i.value)) / max;
    if (bw > 0) L.rect(M.left + labelW + 6, L.y + 3, Math.max(bw, 0.8), rowH - 6, i.value < 0 ? C.failEdge : C.green);
    L.put(i.text, M.left + labelW + 12 + trackW, L.y + 2, valueW, { size: SIZE.table, align: 'right' });
    L.y += rowH;
  }
  L.y += 8;
}

/** A process-flow figure: one box per step across the page, arrows between, excluded steps dashed and muted. */
function drawFlow(L: Layout, caption: string | undefined, steps: { label: string; detail: string; included: boolean }[], note: string | undefined): void {
  const arrow = 12;
  const bw = (CONTENT - arrow * (steps.length - 1)) / steps.length;
  const inner = bw - 2 * PAD - 2;
  const h = Math.max(...steps.map((st) => L.height(st.label, inner, true, SIZE.table + 0.5) + L.height(st.detail, inner, false, SIZE.small) + 2)) + 2 * PAD + 2;
  const capH = caption ? L.height(caption, CONTENT, true, SIZE.body) + 3 : 0;
  L.ensure(capH + h + 8);
  if (caption) {
    L.put(caption, M.left, L.y, CONTENT, { bold: true });
    L.y += capH;
  }
  steps.forEach((st, i) => {
    const x = M.left + i * (bw + arrow);
    L.doc.save();
    if (!st.included) L.doc.dash(3, { space: 2 });
    L.doc.lineWidth(1).roundedRect(x, L.y, bw, h, 3);
    if (st.included) L.doc.fillAndStroke(C.pass, C.green);
    else L.doc.stroke(C.muted);
    L.doc.undash().restore();
    const color = st.included ? C.ink : C.muted;
    L.put(st.label, x + PAD + 1, L.y + PAD + 1, inner, { bold: true, size: SIZE.table + 0.5, color });
    L.put(st.detail, x + PAD + 1, L.y + PAD + 2 + L.height(st.label, inner, true, SIZE.table + 0.5), inner, { size: SIZE.small, color });
    if (i < steps.length - 1) {
      const ax = x + bw + 2, ay = L.y + h / 2;
      L.doc.save().moveTo(ax, ay).lineTo(ax + arrow - 5, ay).lineWidth(1).strokeColor(C.green).stroke()
        .moveTo(ax + arrow - 4, ay).lineTo(ax + arrow - 8, ay - 3).lineTo(ax + arrow - 8, ay + 3).closePath().fill(C.green).restore();
    }
  });
  L.y += h + 4;
  if (note) {
    L.put(note, M.left, L.y, CONTENT, { size: SIZE.small, color: C.muted });
    L.y += L.height(note, CONTENT, false, SIZE.small) + 2;
  }
  L.y += 6;
}

function drawNotice(L: Layout, level: string, text: string): void {
  const fill = level === 'fail' ? C.fail : level === 'pass' ? C.pass : level === 'info' ? C.info : C.warn;
  const edge = level === 'fail' ? C.failEdge : level === 'pass' ? C.green : level === 'info' ? C.infoEdge : C.warnEdge;
  const h = L.height(text, CONTENT - 20, false, SIZE.body) + 10;
  L.ensure(h);
  L.rect(M.left, L.y, CONTENT, h, fill);
  L.rect(M.left, L.y, 3, h, edge);
  L.put(text, M.left + 12, L.y + 5, CONTENT - 20);
  L.y += h + 6;
}

function drawBlock(L: Layout, b: Block): void {
  switch (b.type) {
    case 'paragraph':
      L.paragraph(b.text);
      return;
    case 'list':
      b.items.forEach((item, i) => {
        const bullet = b.ordered ? `${i + 1}.` : '•';
        const h = L.height(item, CONTENT - 14, false, SIZE.body);
        L.ensure(Math.min(h, 40));
        L.put(bullet, M.left + 2, L.y, 12);
        L.paragraph(item, { indent: 14 });
        L.y -= 1;
      });
      L.y += 4;
      return;
    case 'fields':
      drawFields(L, b.rows);
      return;
    case 'table':
      drawTable(L, b);
      return;
    case 'notice':
      drawNotice(L, b.level, b.text);
      return;
    case 'figures':
      drawFigures(L, b.items);
      return;
    case 'bars':
      drawBars(L, b.caption, b.items);
      return;
    case 'flow':
      drawFlow(L, b.caption, b.steps, b.note);
      return;
  }
}

/** Height of the first piece of a block (table header + first row, first field …), to keep headings with it. */
function startHeight(L: Layout, b: Block): number {
  switch (b.type) {
    case 'table': {
      const w = widths(b);
      const row = (cells: string[], bold: boolean) => Math.max(...cells.map((c, i) => L.height(c, w[i]! - 2 * PAD, bold, SIZE.table))) + 2 * PAD;
      return (b.caption ? L.height(b.caption, CONTENT, true, SIZE.body) + 2 : 0) + row(b.columns.map((c) => c.label), true) + (b.rows[0] ? row(b.rows[0], false) : 0);
    }
    case 'fields':
      return b.rows[0] ? L.height(b.rows[0][1], CONTENT * 0.7 - 2 * PAD, false, SIZE.table + 0.5) + 2 * PAD : 0;
    case 'figures':
      return 64;
    case 'paragraph':
    case 'notice':
      return Math.min(L.height(b.text, CONTENT, false, SIZE.body), 40) + 10;
    case 'list':
      return b.items[0] ? Math.min(L.height(b.items[0], CONTENT - 14, false, SIZE.body), 40) : 0;
    case 'bars':
      return 40;
    case 'flow':
      return 80;
  }
}

function drawSection(L: Layout, s: Section, depth: number): void {
  const size = depth === 0 ? SIZE.h2 : SIZE.h3;
  const heading = `${s.number ? `${s.number}  ` : ''}${s.heading}`;
  const h = L.height(heading, CONTENT, true, size);
  const first = s.blocks[0] ?? s.subsections?.[0]?.blocks[0];
  L.ensure(h + 14 + (first ? startHeight(L, first) : 0)); // keep a heading with the start of its content
  L.y += depth === 0 ? 8 : 4;
  L.put(heading, M.left, L.y, CONTENT, { bold: true, size, color: depth === 0 ? C.green : C.ink });
  L.y += h + 2;
  if (depth === 0) {
    L.doc.save().moveTo(M.left, L.y).lineTo(M.left + CONTENT, L.y).lineWidth(0.6).strokeColor(C.line).stroke().restore();
    L.y += 6;
  }
  for (const b of s.blocks) drawBlock(L, b);
  for (const sub of s.subsections ?? []) drawSection(L, sub, depth + 1);
}

function drawCover(L: Layout, d: ReportDocument): void {
  L.y = M.top - 10;
  L.put(d.title, M.left, L.y, CONTENT, { bold: true, size: SIZE.h1, color: C.green });
  L.y += L.height(d.title, CONTENT, true, SIZE.h1) + 4;
  if (d.subtitle) {
    L.put(d.subtitle, M.left, L.y, CONTENT, { size: 13 });
    L.y += L.height(d.subtitle, CONTENT, false, 13) + 6;
  }
  for (const [k, v] of d.meta) {
    const h = Math.max(L.height(k, 110, true, SIZE.table + 0.5), L.height(v, CONTENT - 116, false, SIZE.table + 0.5));
    L.put(k, M.left, L.y, 110, { bold: true, size: SIZE.table + 0.5, color: C.muted });
    L.put(v, M.left + 116, L.y, CONTENT - 116, { size: SIZE.table + 0.5, color: C.muted });
    L.y += h + 2;
  }
  L.y += 4;
  L.doc.save().moveTo(M.left, L.y).lineTo(M.left + CONTENT, L.y).lineWidth(2).strokeColor(C.green).stroke().restore();
  L.y += 8;
}

function drawRunningParts(L: Layout, d: ReportDocument): void {
  const range = L.doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    L.doc.switchToPage(i);
    const n = i - range.start + 1;
    const pageText = d.lang === 'zh' ? `第 ${n} 页 / 共 ${range.count} 页` : `Page ${n} of ${range.count}`;
    if (n > 1) {
      // One line: the cover gives the title and subtitle as they are.
      L.put(cutText(`${d.title} · ${d.subtitle ?? ''}`.replace(/\n/g, ''), PDF_TEXT_LIMITS.runningHeader).text, M.left, 30, CONTENT, { size: SIZE.small, color: C.muted });
      L.doc.save().moveTo(M.left, 42).lineTo(M.left + CONTENT, 42).lineWidth(0.4).strokeColor(C.line).stroke().restore();
    }
    L.doc.save().moveTo(M.left, A4.height - 44).lineTo(M.left + CONTENT, A4.height - 44).lineWidth(0.4).strokeColor(C.line).stroke().restore();
    L.put(d.footer, M.left, A4.height - 38, CONTENT - 110, { size: SIZE.small, color: C.muted });
    L.put(pageText, M.left + CONTENT - 110, A4.height - 38, 110, { size: SIZE.small, color: C.muted, align: 'right' });
  }
}

/**
 * Render a report document to PDF bytes, with the Chinese font embedded (subset). Texts too long for
 * their place are cut first (fit.ts), which bounds the layout's time; the cover says so.
 */
export function renderPdf(full: ReportDocument, options: PdfOptions = {}): Promise<Uint8Array> {
  const d = fitForPdf(full).document;
  const font = options.font ?? findCjkFont();
  const doc = new PDFDocument({
    size: 'A4',
    margins: M,
    bufferPages: true,
    autoFirstPage: true,
    lang: d.lang === 'zh' ? 'zh-CN' : 'en',
    displayTitle: true,
    info: {
      Title: d.subtitle ? `${d.title} · ${d.subtitle}` : d.title,
      Author: options.author ?? 'GreenLCA',
      Creator: 'GreenLCA @greenlca/report',
      Producer: 'GreenLCA (pdfkit)',
      CreationDate: options.creationDate ?? new Date(Date.UTC(2000, 0, 1)),
    },
  });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c: Uint8Array) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    doc.registerFont('cjk', font.regular.path, font.regular.postscriptName);
    doc.registerFont('cjk-bold', font.bold.path, font.bold.postscriptName);
    doc.font('cjk');
  } catch (error) {
    doc.end();
    throw new Error(`cannot load the font ${font.regular.path}${font.regular.postscriptName ? `#${font.regular.postscriptName}` : ''}: ${(error as Error).message}`);
  }
  const L = new Layout(doc);
  drawCover(L, d);
  for (const s of d.sections) drawSection(L, s, 0);
  drawRunningParts(L, d);
  doc.end();
  return done;
}

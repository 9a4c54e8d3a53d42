/**
 * @module fit — a report document made fit for the PDF page. pdfkit's line wrapper measures the rest of
 * a word again for every line it takes from it, and the running header and footer repeat on every
 * page, so the time to lay out a text grows with the square of its length (a 3,000-grapheme name took
 * 28 s, a 220,000-character one 94 s). Every text placed in the PDF is therefore cut, at a grapheme
 * boundary, to a length sane for its place (ending in "…"; the cover says how many were cut), and a
 * run without a break opportunity is broken into lines. HTML and JSON keep the full text. Pure.
 */
import type { Block, ReportDocument, Section } from '../document.js';

/** The most UTF-16 code units a text keeps in each place of the PDF. */
export const PDF_TEXT_LIMITS = {
  title: 200,
  heading: 300,
  /** The footer and running header, printed on every page. */
  running: 160,
  /** The title and subtitle at the top of every page but the first, on one line. */
  runningHeader: 60,
  metaKey: 100,
  metaValue: 600,
  paragraph: 5_000,
  cell: 600,
  caption: 300,
  note: 2_000,
  label: 100,
  figure: 60,
} as const;

/**
 * The longest run of characters without a break opportunity kept on one line: longer runs get a line
 * break after this many code units (at a grapheme boundary). Whitespace, hyphens, slashes and CJK
 * characters are break opportunities, so ordinary text and URLs are untouched.
 */
export const PDF_MAX_RUN = 60;

export const ELLIPSIS = '…';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The end of the last whole grapheme at or before `at`; a code-point boundary when one grapheme is longer. */
function boundaryBefore(text: string, at: number): number {
  // Graphemes end where they end in the whole text as long as the next code unit is there to look at.
  let end = 0;
  for (const { index, segment } of graphemes.segment(text.slice(0, at + 1))) {
    if (index + segment.length > at) break;
    end = index + segment.length;
  }
  if (end > 0) return end;
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/** `text` in at most `max` code units (the ellipsis included), and whether it was cut. */
export function cutText(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  return { text: text.slice(0, boundaryBefore(text, max - ELLIPSIS.length)) + ELLIPSIS, cut: true };
}

const RUN = new RegExp(`[^\\s\\-/\\u2E80-\\u9FFF\\uAC00-\\uD7AF\\uF900-\\uFAFF\\uFF00-\\uFFEF]{${PDF_MAX_RUN + 1},}`, 'g');

/** Runs longer than PDF_MAX_RUN code units without a break opportunity, broken into lines of at most that many. */
export function breakRuns(text: string): string {
  return text.replace(RUN, (run) => {
    const lines: string[] = [];
    let rest = run;
    while (rest.length > PDF_MAX_RUN) {
      const end = boundaryBefore(rest, PDF_MAX_RUN);
      lines.push(rest.slice(0, end));
      rest = rest.slice(end);
    }
    return [...lines, rest].join('\n');
  });
}

/** Cut and break one text for its place; `count` is told when it was cut. */
function fitter(count: () => void) {
  return (text: string, max: number): string => {
    const c = cutText(text, max);
    if (c.cut) count();
    return breakRuns(c.text);
  };
}

function fitBlock(b: Block, fit: (text: string, max: number) => string): Block {
  const L = PDF_TEXT_LIMITS;
  switch (b.type) {
    case 'paragraph':
      return { ...b, text: fit(b.text, L.paragraph) };
    case 'notice':
      return { ...b, text: fit(b.text, L.paragraph) };
    case 'list':
      return { ...b, items: b.items.map((i) => fit(i, L.paragraph)) };
    case 'fields':
      return { ...b, rows: b.rows.map(([k, v]) => [fit(k, L.cell), fit(v, L.note)] as [string, string]) };
    case 'table':
      return {
        ...b,
        ...(b.caption !== undefined ? { caption: fit(b.caption, L.caption) } : {}),
        columns: b.columns.map((c) => ({ ...c, label: fit(c.label, L.label) })),
        rows: b.rows.map((r) => r.map((c) => fit(c, L.cell))),
        ...(b.footer ? { footer: b.footer.map((r) => r.map((c) => fit(c, L.cell))) } : {}),
        ...(b.note !== undefined ? { note: fit(b.note, L.note) } : {}),
      };
    case 'figures':
      return { ...b, items: b.items.map((i) => ({ ...i, label: fit(i.label, L.label), value: fit(i.value, L.figure), ...(i.unit !== undefined ? { unit: fit(i.unit, L.figure) } : {}) })) };
    case 'bars':
      return {
        ...b,
        ...(b.caption !== undefined ? { caption: fit(b.caption, L.caption) } : {}),
        items: b.items.map((i) => ({ ...i, label: fit(i.label, L.figure), text: fit(i.text, L.figure) })),
      };
    case 'flow':
      return {
        ...b,
        ...(b.caption !== undefined ? { caption: fit(b.caption, L.caption) } : {}),
        steps: b.steps.map((s) => ({ ...s, label: fit(s.label, L.label), detail: fit(s.detail, L.caption) })),
        ...(b.note !== undefined ? { note: fit(b.note, L.note) } : {}),
      };
  }
}

function fitSection(s: Section, fit: (text: string, max: number) => string): Section {
  return {
    ...s,
    heading: fit(s.heading, PDF_TEXT_LIMITS.heading),
    blocks: s.blocks.map((b) => fitBlock(b, fit)),
    ...(s.subsections ? { subsections: s.subsections.map((sub) => fitSection(sub, fit)) } : {}),
  };
}

/** What the cover says when texts were cut. */
export function shortenedNote(lang: ReportDocument['lang'], count: number): [string, string] {
  return lang === 'zh'
    ? ['说明', `本 PDF 中有 ${count} 处过长的文字已截短（以“${ELLIPSIS}”结尾）；HTML 与 JSON 格式的报告给出全文。`]
    : ['Note', `${count} ${count === 1 ? 'text is' : 'texts are'} too long for this PDF and shortened (ending in "${ELLIPSIS}"); the HTML and JSON reports give them in full.`];
}

/** The document with every text fit for its place in the PDF, and how many texts were cut (also said on the cover). */
export function fitForPdf(d: ReportDocument): { document: ReportDocument; shortened: number } {
  let shortened = 0;
  const fit = fitter(() => { shortened++; });
  const L = PDF_TEXT_LIMITS;
  const document: ReportDocument = {
    ...d,
    title: fit(d.title, L.title),
    ...(d.subtitle !== undefined ? { subtitle: fit(d.subtitle, L.title) } : {}),
    meta: d.meta.map(([k, v]) => [fit(k, L.metaKey), fit(v, L.metaValue)] as [string, string]),
    sections: d.sections.map((s) => fitSection(s, fit)),
    footer: fit(d.footer, L.running),
  };
  if (shortened) document.meta = [...document.meta, shortenedNote(d.lang, shortened)];
  return { document, shortened };
}

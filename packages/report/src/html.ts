import type { Block, ReportDocument, Section, TableBlock } from './document.js';

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Escaped text with line breaks kept. */
const text = (s: string): string => escapeHtml(s).replace(/\n/g, '<br>');

const CSS = `
:root { --ink: #1d2a26; --muted: #5b6b66; --line: #cfd8d4; --band: #f3f7f5; --green: #1f7a4d; --warn: #fff6dc; --fail: #fde8e6; --pass: #e6f4ec; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif; color: var(--ink); font-size: 10.5pt; line-height: 1.5; }
body { margin: 0 auto; max-width: 210mm; padding: 12mm 14mm; }
header.cover { border-bottom: 3px solid var(--green); margin-bottom: 6mm; padding-bottom: 4mm; }
header.cover h1 { font-size: 22pt; margin: 0 0 2mm; color: var(--green); }
header.cover .subtitle { font-size: 13pt; margin: 0 0 3mm; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 5mm; margin: 0; color: var(--muted); }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; }
h2 { font-size: 14pt; color: var(--green); border-bottom: 1px solid var(--line); padding-bottom: 1mm; margin: 8mm 0 3mm; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; break-after: avoid; }
p { margin: 0 0 2.5mm; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; font-size: 9pt; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding-bottom: 1mm; }
th, td { border: 1px solid var(--line); padding: 1mm 1.6mm; vertical-align: top; overflow-wrap: anywhere; }
thead th { background: var(--band); text-align: left; }
thead { display: table-header-group; }
tfoot td { font-weight: 700; background: var(--band); }
tr { break-inside: avoid; }
td.r, th.r { text-align: right; } td.c, th.c { text-align: center; }
tr.warn td { background: var(--warn); } tr.fail td { background: var(--fail); } tr.pass td { background: var(--pass); }
p.note { color: var(--muted); font-size: 8.5pt; }
table.fields td:first-child { width: 32%; font-weight: 600; background: var(--band); }
.notice { border-left: 4px solid #c99a00; background: var(--warn); padding: 2mm 3mm; margin: 2mm 0 3mm; }
.notice.info { border-color: #2d6fb3; background: #e9f1fa; } .notice.pass { border-color: var(--green); background: var(--pass); } .notice.fail { border-color: #b3261e; background: var(--fail); }
.figures { display: flex; gap: 3mm; margin: 2mm 0 4mm; flex-wrap: wrap; }
.figure { border: 1px solid var(--line); border-radius: 2mm; padding: 2mm 4mm; min-width: 40mm; }
.figure.emphasis { border: 2px solid var(--green); background: var(--pass); }
.figure .label { color: var(--muted); font-size: 9pt; } .figure .value { font-size: 16pt; font-weight: 700; } .figure.emphasis .value { font-size: 20pt; color: var(--green); }
.figure .unit { font-size: 9pt; color: var(--muted); }
.figure.emphasis.warn { border-color: #c99a00; background: var(--warn); } .figure.emphasis.warn .value { color: #7a5c00; }
.figure.emphasis.fail { border-color: #b3261e; background: var(--fail); } .figure.emphasis.fail .value { color: #b3261e; }
.bars { margin: 2mm 0 4mm; } .bars .caption { font-weight: 600; margin-bottom: 1mm; }
.bar { display: grid; grid-template-columns: 28mm 1fr 46mm; align-items: center; gap: 2mm; font-size: 9pt; margin: 0.6mm 0; }
.bar .track { background: var(--band); height: 4mm; } .bar .fill { background: var(--green); height: 100%; } .bar .fill.neg { background: #b3261e; }
.bar .v { text-align: right; font-variant-numeric: tabular-nums; }
.flow { margin: 2mm 0 4mm; } .flow figcaption { font-weight: 600; margin-bottom: 1mm; }
.flow .steps { display: flex; align-items: stretch; gap: 1mm; }
.flow .step { flex: 1 1 0; border: 1.5px solid var(--green); border-radius: 2mm; padding: 1.5mm 2mm; font-size: 8.5pt; background: var(--pass); }
.flow .step.out { border: 1.5px dashed var(--muted); background: none; color: var(--muted); }
.flow .step b { display: block; font-size: 9pt; } .flow .arrow { align-self: center; color: var(--green); font-weight: 700; }
footer.page { margin-top: 10mm; border-top: 1px solid var(--line); padding-top: 2mm; color: var(--muted); font-size: 8.5pt; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print { body { padding: 0; max-width: none; } h2 { break-before: auto; } a { color: inherit; text-decoration: none; } }
`;

function table(t: TableBlock): string {
  const cls = (i: number) => {
    const a = t.columns[i]?.align;
    return a === 'right' ? ' class="r"' : a === 'center' ? ' class="c"' : '';
  };
  const total = t.columns.reduce((s, c) => s + (c.width ?? 1), 0);
  const cols = t.columns.map((c) => `<col style="width:${((100 * (c.width ?? 1)) / total).toFixed(1)}%">`).join('');
  const head = t.columns.map((c, i) => `<th${cls(i)}>${text(c.label)}</th>`).join('');
  const row = (cells: string[], tone?: string) =>
    `<tr${tone && tone !== 'neutral' ? ` class="${tone}"` : ''}>${cells.map((c, i) => `<td${cls(i)}>${text(c)}</td>`).join('')}</tr>`;
  const body = t.rows.map((r, i) => row(r, t.tones?.[i])).join('\n');
  const foot = t.footer?.length ? `<tfoot>${t.footer.map((r) => row(r)).join('')}</tfoot>` : '';
  return `<table id="t-${escapeHtml(t.id)}">${t.caption ? `<caption>${text(t.caption)}</caption>` : ''}<colgroup>${cols}</colgroup>`
    + `<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody>${foot}</table>${t.note ? `<p class="note">${text(t.note)}</p>` : ''}`;
}

function block(b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return `<p>${text(b.text)}</p>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((i) => `<li>${text(i)}</li>`).join('')}</${tag}>`;
    }
    case 'fields':
      return `<table class="fields"><tbody>${b.rows.map(([k, v]) => `<tr><td>${text(k)}</td><td>${text(v)}</td></tr>`).join('')}</tbody></table>`;
    case 'table':
      return table(b);
    case 'notice':
      return `<div class="notice ${b.level}">${text(b.text)}</div>`;
    case 'flow':
      return `<figure class="flow">${b.caption ? `<figcaption>${text(b.caption)}</figcaption>` : ''}<div class="steps">${b.steps.map((st) =>
        `<div class="step${st.included ? '' : ' out'}"><b>${text(st.label)}</b>${text(st.detail)}</div>`).join('<span class="arrow">→</span>')}</div>`
        + `${b.note ? `<p class="note">${text(b.note)}</p>` : ''}</figure>`;
    case 'figures':
      return `<div class="figures">${b.items.map((f) => `<div class="figure${f.emphasis ? ' emphasis' : ''}${f.emphasis && f.tone && f.tone !== 'pass' ? ` ${f.tone}` : ''}"><div class="label">${text(f.label)}</div>`
        + `<div class="value">${text(f.value)}</div>${f.unit ? `<div class="unit">${text(f.unit)}</div>` : ''}</div>`).join('')}</div>`;
    case 'bars': {
      const max = Math.max(...b.items.map((i) => Math.abs(i.value)), 0);
      return `<div class="bars">${b.caption ? `<div class="caption">${text(b.caption)}</div>` : ''}${b.items.map((i) => {
        const w = max === 0 ? 0 : (100 * Math.abs(i.value)) / max;
        return `<div class="bar"><span>${text(i.label)}</span><span class="track"><span class="fill${i.value < 0 ? ' neg' : ''}" style="display:block;width:${w.toFixed(2)}%"></span></span><span class="v">${text(i.text)}</span></div>`;
      }).join('')}</div>`;
    }
  }
}

function section(s: Section, depth: number): string {
  const h = depth === 0 ? 'h2' : 'h3';
  const heading = `<${h} id="s-${escapeHtml(s.id)}">${s.number ? `${escapeHtml(s.number)} ` : ''}${text(s.heading)}</${h}>`;
  return `<section>${heading}\n${s.blocks.map(block).join('\n')}\n${(s.subsections ?? []).map((sub) => section(sub, depth + 1)).join('\n')}</section>`;
}

/** Render a report document as a self-contained HTML page (no scripts, no external resources). */
export function renderHtml(doc: ReportDocument): string {
  return `<!DOCTYPE html>
<html lang="${doc.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(doc.title)}${doc.subtitle ? ` · ${text(doc.subtitle)}` : ''}</title>
<style>${CSS}</style>
</head>
<body>
<header class="cover">
<h1>${text(doc.title)}</h1>
${doc.subtitle ? `<p class="subtitle">${text(doc.subtitle)}</p>` : ''}
<dl class="meta">${doc.meta.map(([k, v]) => `<dt>${text(k)}</dt><dd>${text(v)}</dd>`).join('')}</dl>
</header>
<main>
${doc.sections.map((s) => section(s, 0)).join('\n')}
</main>
<footer class="page">${text(doc.footer)}</footer>
</body>
</html>
`;
}

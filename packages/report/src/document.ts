import { Type, type Static } from '@sinclair/typebox';

/**
 * The document model every report renders from: numbered sections of blocks. It is plain JSON, so the
 * HTML and PDF renderers, the JSON output and the tests all read the same thing; each block carries
 * display text already formatted in the report's language.
 */

export const Lang = Type.Union([Type.Literal('zh'), Type.Literal('en')]);
export type Lang = Static<typeof Lang>;

export const Align = Type.Union([Type.Literal('left'), Type.Literal('right'), Type.Literal('center')]);

export const Column = Type.Object({
  label: Type.String(),
  align: Type.Optional(Align),
  /** Relative width (default 1). */
  width: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
});
export type Column = Static<typeof Column>;

export const TableBlock = Type.Object({
  type: Type.Literal('table'),
  /** Stable id, e.g. "by-stage", for tests and anchors. */
  id: Type.String(),
  caption: Type.Optional(Type.String()),
  columns: Type.Array(Column),
  rows: Type.Array(Type.Array(Type.String())),
  /** Total rows, set apart below the body. */
  footer: Type.Optional(Type.Array(Type.Array(Type.String()))),
  note: Type.Optional(Type.String()),
  /** Row tones, parallel to rows: verdict colouring (pass / fail / n.a.). */
  tones: Type.Optional(Type.Array(Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('neutral'), Type.Literal('warn')]))),
});
export type TableBlock = Static<typeof TableBlock>;

export const Block = Type.Union([
  Type.Object({ type: Type.Literal('paragraph'), text: Type.String() }),
  Type.Object({ type: Type.Literal('list'), items: Type.Array(Type.String()), ordered: Type.Optional(Type.Boolean()) }),
  Type.Object({ type: Type.Literal('fields'), rows: Type.Array(Type.Tuple([Type.String(), Type.String()])) }),
  TableBlock,
  Type.Object({ type: Type.Literal('notice'), level: Type.Union([Type.Literal('info'), Type.Literal('warning'), Type.Literal('pass'), Type.Literal('fail')]), text: Type.String() }),
  Type.Object({
    type: Type.Literal('bars'),
    caption: Type.Optional(Type.String()),
    items: Type.Array(Type.Object({ label: Type.String(), value: Type.Number(), text: Type.String() })),
  }),
  Type.Object({
    type: Type.Literal('flow'),
    caption: Type.Optional(Type.String()),
    /** A process-flow figure: boxes in life-cycle order, joined by arrows; excluded ones drawn dashed. */
    steps: Type.Array(Type.Object({ label: Type.String(), detail: Type.String(), included: Type.Boolean() })),
    note: Type.Optional(Type.String()),
  }),
  Type.Object({
    type: Type.Literal('figures'),
    items: Type.Array(Type.Object({
      label: Type.String(), value: Type.String(), unit: Type.Optional(Type.String()), emphasis: Type.Optional(Type.Boolean()),
      /** Colour of an emphasised figure: a verdict is green only when it is a pass ("warn" for incomplete). */
      tone: Type.Optional(Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('warn')])),
    })),
  }),
]);
export type Block = Static<typeof Block>;

export interface Section {
  id: string;
  /** "1", "7.2" … */
  number: string;
  heading: string;
  blocks: Block[];
  subsections?: Section[];
}

export const Section = Type.Recursive((This) =>
  Type.Object({
    id: Type.String(),
    number: Type.String(),
    heading: Type.String(),
    blocks: Type.Array(Block),
    subsections: Type.Optional(Type.Array(This)),
  }),
  // Named, so a document that describes it (the API's OpenAPI) can refer to it as a component.
  { $id: 'ReportSection' },
);

export const ReportDocument = Type.Object({
  lang: Lang,
  title: Type.String(),
  subtitle: Type.Optional(Type.String()),
  /** Cover facts: product, date, tool versions. */
  meta: Type.Array(Type.Tuple([Type.String(), Type.String()])),
  sections: Type.Array(Section),
  /** Printed at the foot of every page. */
  footer: Type.String(),
});
export type ReportDocument = Static<typeof ReportDocument>;

/** Walk every block of a document (tests and renderers). */
export function* blocks(doc: ReportDocument): Generator<{ section: Section; block: Block }> {
  function* walk(s: Section): Generator<{ section: Section; block: Block }> {
    for (const block of s.blocks) yield { section: s, block };
    for (const sub of s.subsections ?? []) yield* walk(sub);
  }
  for (const s of doc.sections) yield* walk(s);
}

/** The table with this id, or undefined. */
export function findTable(doc: ReportDocument, id: string): TableBlock | undefined {
  for (const { block } of blocks(doc)) if (block.type === 'table' && block.id === id) return block;
  return undefined;
}

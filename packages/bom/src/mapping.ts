import { Type, type Static } from '@sinclair/typebox';

/** The fields a PLM BOM export can give, and the column headers recognised for each by default. */
export const BOM_FIELDS = ['level', 'parent', 'partNumber', 'name', 'quantity', 'material', 'mass', 'unit'] as const;
export type BomField = (typeof BOM_FIELDS)[number];

/**
 * Default header names (compared ignoring case, spaces, dots, dashes and underscores). Windchill,
 * Teamcenter, SAP (CS11/CS12 exports) and Chinese PLMs (用友/金蝶/鼎捷 style headers) are covered;
 * anything else is mapped explicitly.
 */
export const DEFAULT_HEADERS: Record<BomField, string[]> = {
  level: ['level', 'lvl', 'bom level', 'explosion level', 'indent', '层级', '层次', '级别', '阶层', 'bom层级'],
  parent: ['parent', 'parent part', 'parent number', 'parent part number', 'parent item', 'parent pn', 'assembly', '父件', '父项', '父件编码', '父项编码', '父件料号', '父项料号'],
  partNumber: ['part number', 'part no', 'part', 'pn', 'item', 'item number', 'item no', 'number', 'component', 'component number', 'material number', 'child', '料号', '物料编码', '物料号', '物料代码', '零件号', '零件编号', '子件编码', '子项编码', '图号'],
  name: ['name', 'description', 'part name', 'item name', 'item description', 'component description', 'object description', '名称', '物料名称', '零件名称', '子件名称', '描述', '规格名称'],
  quantity: ['quantity', 'qty', 'qty per', 'quantity per', 'component quantity', 'count', 'amount', '数量', '用量', '单机用量', '子件用量'],
  material: ['material', 'material grade', 'material type', 'raw material', 'factor', '材料', '材质', '原材料'],
  mass: ['mass', 'weight', 'unit mass', 'unit weight', 'net weight', 'mass per unit', 'weight per unit', '重量', '质量', '单重', '净重', '单件重量'],
  unit: ['unit', 'mass unit', 'weight unit', 'unit of weight', '单位', '重量单位', '质量单位'],
};

/** How to read an export: which header is which field, and how materials map to factors. */
export const BomMapping = Type.Object(
  {
    columns: Type.Optional(
      Type.Partial(Type.Object(Object.fromEntries(BOM_FIELDS.map((f) => [f, Type.String({ minLength: 1 })])) as Record<BomField, ReturnType<typeof Type.String>>), {
        description: 'Header name for each field, when the defaults do not recognise it, e.g. { "partNumber": "Teil-Nr.", "mass": "Gewicht" }.',
      }),
    ),
    materials: Type.Optional(
      Type.Record(Type.String(), Type.String({ minLength: 1 }), {
        description: 'Material text in the export → factor id, e.g. { "ABS": "supplier/abs-resin", "Q235": "cn-materials/steel-hot-rolled" }.',
      }),
    ),
    massUnit: Type.Optional(Type.String({ minLength: 1, description: 'Unit of the masses when neither the cell, a unit column nor the header ("Mass (kg)") gives one. There is no default: a mass without a unit is a problem (MISSING_UNIT).' })),
    delimiter: Type.Optional(Type.String({ minLength: 1, maxLength: 1, description: 'Field delimiter; default: detected from the header (, ; tab |).' })),
  },
  { description: 'Column mapping for a PLM BOM export. See server/README.md "BOM import".' },
);
export type BomMapping = Static<typeof BomMapping>;

/** Header text normalised for comparison. */
export const headerKey = (h: string): string => h.normalize('NFKC').toLowerCase().replace(/[\s._\-/()#:：（）]/g, '');

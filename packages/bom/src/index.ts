/**
 * @module @greenlca/bom — a PLM bill of materials export (CSV) to a GreenLCA product model, pure (no I/O;
 * runs in Node and the browser): columns found by header in English or Chinese (or mapped), an indented
 * (level) or parent-child tree, masses with their units, GB18030 text decoded, and every problem located
 * by line and column in one BomError.
 */
export { importBom, detectDelimiter, BomError, MAX_BOM_DEPTH, type BomImport, type BomOptions } from './import.js';
export { BOM_FIELDS, DEFAULT_HEADERS, BomMapping, headerKey, type BomField } from './mapping.js';
export { MAX_BOM_CELL_CHARS, MAX_BOM_COLUMNS, MAX_BOM_COMPONENTS } from './limits.js';
export { CharsetError, charsetOf, decodeText } from './charset.js';

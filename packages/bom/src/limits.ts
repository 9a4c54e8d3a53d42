/**
 * @module The most one BOM import reads. The server lists them with its other limits (server/src/limits.ts,
 * server/README.md "Limits"); any caller gets the same bounds, since they are checked as the file is read.
 */

/**
 * Components a BOM import may produce (rows, and sub-assemblies counted once per place they are used).
 * A product this size is about a megabyte of JSON, within the 2 MiB body limit to store or calculate it.
 */
export const MAX_BOM_COMPONENTS = 10_000;
/** Columns of a BOM CSV export (PLM exports have tens). */
export const MAX_BOM_COLUMNS = 200;
/** Characters in one cell of a BOM CSV export. */
export const MAX_BOM_CELL_CHARS = 4_096;

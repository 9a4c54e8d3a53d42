/**
 * @module formula-guard — the apostrophe an exported CSV puts before text a spreadsheet would run as a
 * formula, and its removal on import, one the inverse of the other so export → import is the identity.
 * Text that already starts with apostrophes before a formula character gets one more, so a value the
 * guard did not add (a name written "'=x") keeps its own apostrophe through the round trip. Pure.
 */

/** Apostrophes, then = + - @ tab or CR: what the guard is added before (and removed from). */
const GUARDED = /^'*[=+\-@\t\r]/;
const WITH_GUARD = /^'+[=+\-@\t\r]/;

/** The text as an exported cell holds it. */
export function guardFormula(text: string): string {
  return GUARDED.test(text) ? `'${text}` : text;
}

/** The text a cell read from a CSV stands for: exactly the guard guardFormula adds is removed. */
export function unguardFormula(text: string): string {
  return WITH_GUARD.test(text) ? text.slice(1) : text;
}

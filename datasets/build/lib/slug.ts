/**
 * A stable, readable id part from a source label: "Rigid (>3.5 - 7.5 tonnes)" → "rigid-gt3.5-7.5-tonnes".
 * Only lower-case letters, digits, dots and dashes remain.
 */
export function slug(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/(\d),(\d{3})/g, '$1$2')
    .replace(/&/g, ' and ')
    .replace(/%/g, 'pct')
    .replace(/\+/g, 'plus')
    .replace(/>/g, 'gt')
    .replace(/</g, 'lt')
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/\.(?!\d)|(?<!\d)\./g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Join id parts with dashes, skipping empty ones. */
export function idFrom(...parts: (string | undefined)[]): string {
  return parts
    .filter((p): p is string => !!p)
    .map(slug)
    .filter(Boolean)
    .join('-');
}

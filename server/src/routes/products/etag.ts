import { ApiError } from '../../errors.js';

/** A product version's entity tag: the version number, quoted. */
export const etag = (version: number): string => `"${version}"`;

/**
 * The versions an If-Match header accepts: `*` (any current version) or a list of strong tags.
 * Weak tags (W/"…") never match, as RFC 9110 §13.1.1 requires strong comparison.
 */
export function parseIfMatch(header: string | undefined): '*' | number[] | undefined {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return '*';
  const versions: number[] = [];
  for (const part of header.split(',')) {
    const m = /^\s*"(\d{1,9})"\s*$/.exec(part);
    if (m) versions.push(Number(m[1]));
  }
  return versions;
}

/** If-Match is required to change a product: without it, an update could silently overwrite another. */
export function requireIfMatch(header: string | undefined): '*' | number[] {
  const parsed = parseIfMatch(header);
  if (parsed === undefined) {
    throw new ApiError('GLCA_PRECONDITION_REQUIRED', 'Send If-Match with the ETag of the version you edited (GET the product to learn it).');
  }
  return parsed;
}

export function preconditionFailed(current: number | undefined): ApiError {
  return new ApiError(
    'GLCA_PRECONDITION_FAILED',
    `The product has changed: its current version is ${current ?? 'unknown'}. GET it, merge your change, and retry with If-Match: "${current ?? ''}".`,
    undefined,
    current === undefined ? undefined : { etag: etag(current) },
  );
}

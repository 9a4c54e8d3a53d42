/**
 * Regions are ISO 3166 codes (CN, GB, US), subdivisions or grids below them (CN-GD, CN-GRID-EAST,
 * US-CAMX), or GLO for global averages. UK is accepted for GB.
 */
export function normaliseRegion(region: string): string {
  const r = region.trim().toUpperCase().replace(/_/g, '-');
  if (r === 'UK') return 'GB';
  if (r === 'WORLD' || r === 'GLOBAL') return 'GLO';
  return r;
}

/** The country part of a region code: CN-GD → CN. */
export function countryOf(region: string): string {
  return normaliseRegion(region).split('-')[0]!;
}

/** True if `inner` is `outer` or lies inside it (CN contains CN-GD; CN-GD does not contain CN). */
export function regionContains(outer: string, inner: string): boolean {
  const o = normaliseRegion(outer);
  const i = normaliseRegion(inner);
  return i === o || i.startsWith(o + '-');
}

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

/**
 * A region made of others that its code does not show: a power grid and the provinces it covers
 * (datasets/regions/cn-power-grids.json). `partlyContains`: regions it covers only in part (Inner
 * Mongolia is split between two grids).
 */
export interface RegionGroup {
  id: string;
  contains: readonly string[];
  partlyContains?: readonly string[];
}

/** Region groups by normalised id, for look-ups. */
export type RegionMap = ReadonlyMap<string, { contains: ReadonlySet<string>; partly: ReadonlySet<string> }>;

export function regionMap(groups: readonly RegionGroup[]): RegionMap {
  return new Map(groups.map((g) => [normaliseRegion(g.id), {
    contains: new Set(g.contains.map(normaliseRegion)),
    partly: new Set((g.partlyContains ?? []).map(normaliseRegion)),
  }]));
}

/** How `outer` covers `inner`: all of it, part of it, or not at all (as far as the codes and the groups tell). */
export type RegionFit = 'contains' | 'partly' | 'outside';

/**
 * Does `outer` contain `inner`? A code contains the codes below it (CN
 * contains CN-GD and CN-GRID-EAST); a group contains its members and what lies below them
 * (CN-GRID-SOUTH contains CN-GD). A province does not contain a grid, nor a grid another grid.
 */
export function regionFit(outer: string, inner: string, groups?: RegionMap): RegionFit {
  const o = normaliseRegion(outer);
  const i = normaliseRegion(inner);
  if (i === o || i.startsWith(o + '-')) return 'contains';
  const group = groups?.get(o);
  if (!group) return 'outside';
  const within = (members: ReadonlySet<string>) => [...members].some((m) => i === m || i.startsWith(m + '-'));
  if (within(group.contains)) return 'contains';
  return within(group.partly) ? 'partly' : 'outside';
}

/** True if `inner` is `outer` or lies wholly inside it (CN contains CN-GD; CN-GD does not contain CN). */
export function regionContains(outer: string, inner: string, groups?: RegionMap): boolean {
  return regionFit(outer, inner, groups) === 'contains';
}

/**
 * What the suggestions look for in the bundled data, as data. Ids and names follow the bundled
 * datasets (DESNZ `material-…-primary` / `…-closed-loop-source`, `freight-rail-…`; China MEE and Ember
 * grid factors by region).
 */

/** Material routes in DESNZ "Material use": a factor id ends with its route. */
export const MATERIAL_ROUTES: readonly { route: string; suffix: RegExp; lowerCarbon: boolean; label: string }[] = [
  { route: 'primary', suffix: /-primary$/, lowerCarbon: false, label: 'primary material' },
  { route: 'closed-loop', suffix: /-closed-loop-source$/, lowerCarbon: true, label: 'closed-loop recycled source' },
  { route: 'open-loop', suffix: /-open-loop-source$/, lowerCarbon: true, label: 'open-loop recycled source' },
  { route: 'reused', suffix: /-reused$/, lowerCarbon: true, label: 're-used material' },
];

export type FreightMode = 'air' | 'road' | 'rail' | 'sea';

/** Freight modes, recognised in a factor's id or name (first match wins). */
export const FREIGHT_MODES: readonly { mode: FreightMode; pattern: RegExp }[] = [
  { mode: 'air', pattern: /flight|\bair\b/i },
  { mode: 'rail', pattern: /\brail|train/i },
  { mode: 'sea', pattern: /ship|tanker|vessel|ferry|barge/i },
  { mode: 'road', pattern: /hgv|\bvans?\b|truck|lorry|road/i },
];

/**
 * Mode shifts worth proposing: road to rail; air to sea, rail or road. Sea and rail are already the
 * lowest-carbon modes in the bundled data. Whether a route can be served by the other mode is the
 * designer's call; the saving is what the data says if it can.
 */
export const MODE_SHIFTS: Readonly<Record<FreightMode, readonly FreightMode[]>> = {
  air: ['sea', 'rail', 'road'],
  road: ['rail'],
  rail: [],
  sea: [],
};

/** Parameter names read as the product's service life (case-insensitive), when none is named. */
export const LIFETIME_PARAMETERS = /^(lifetime|lifetimeyears|lifeyears|servicelife|servicelifeyears|usefullife|life|years)$/i;

export const DEFAULTS = {
  /** How many of the largest contributions to look at. */
  hotspots: 5,
  /** Mass reduction of the top material hotspot. */
  massReduction: 0.1,
  /** Longer service life, as a fraction of the stated one. */
  lifetimeExtension: 0.2,
} as const;

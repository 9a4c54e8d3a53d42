import type { Diagnostic, Product } from '@greenlca/schema';
import type { CompiledProduct } from '../inventory/compile.js';
import type { InventoryRow } from '../inventory/line.js';
import { normaliseRegion, regionFit, type RegionFit, type RegionMap } from '../library/region.js';
import { parametersShadowingUnits } from '../quantity/parameters.js';
import { expiredOn } from './primary.js';

/** Diagnostic codes the engine may return with a result (stable; documented in ERRORS.md). */
export const WARNING_CODES = {
  CO2_ONLY_FACTOR: 'A CO2-only factor (e.g. China MEE 电力二氧化碳排放因子) is used in a product footprint.',
  FACTOR_REGION_MISMATCH: "A factor whose region does not contain the product's (or the line's) region: another country, another province, a grid that does not cover it.",
  FACTOR_YEAR_DISTANT: "A factor whose data year is more than 3 years from the product's reference year.",
  GWP_BASIS_MISMATCH: 'A factor given only as CO2e in another GWP set than the one chosen.',
  UNCITED_CUSTOM_FACTOR: 'A custom factor without a source.',
  EOL_NOT_MODELLED: 'A component material with no end-of-life treatment.',
  EOL_PARTIAL: 'End-of-life routes cover only part of a component material.',
  EOL_NO_FACTOR: 'An end-of-life route without a treatment factor: its mass is routed, its emissions are not counted.',
  EOL_NOT_TREATMENT: 'An end-of-life route whose factor is not a waste-treatment factor by its category (a material, fuel, electricity … factor).',
  MASS_WITHOUT_MATERIAL: 'A component with a mass but no material: counted in mass, not in emissions.',
  NEGATIVE_AMOUNT: 'A line with a negative amount (a credit).',
  NEGATIVE_FACTOR: 'A line made negative by its factor (a credit, or a net removal), netted into the total.',
  UNKNOWN_FIELD: 'A field that product model v1 does not define (ignored).',
  PARAMETER_SHADOWS_UNIT: 'A parameter named like a unit: in expressions the parameter wins.',
  EMPTY_PRODUCT: 'Nothing to calculate.',
  FACTOR_CAVEAT: 'A factor whose source data carries a known caveat (e.g. unallocated upstream processes).',
  FACTOR_EXPIRED: 'A custom factor whose validity (validUntil, e.g. a PACT footprint\'s validity period) ended before the day the result is judged on.',
} as const;
export type WarningCode = keyof typeof WARNING_CODES;

const YEAR_SPAN = 3;

/** What a practitioner would want flagged: factor fit, missing end-of-life, data oddities. */
export function practitionerWarnings(product: Product, compiled: CompiledProduct, referenceYear: number | undefined, regions?: RegionMap, validOn?: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const w = (code: WarningCode, message: string, path?: string, hint?: string) => {
    const d: Diagnostic = { code, message };
    if (path !== undefined) d.path = path;
    if (hint !== undefined) d.hint = hint;
    out.push(d);
  };
  if (!compiled.rows.length) w('EMPTY_PRODUCT', 'the product has no inventory lines and no component materials, so its footprint is 0', '');

  const byFactor = new Map<string, InventoryRow[]>();
  const byFactorAdd = (id: string, row: InventoryRow) => {
    const list = byFactor.get(id);
    if (list) list.push(row);
    else byFactor.set(id, [row]);
  };
  for (const row of compiled.rows) {
    if (row.kind === 'emission') continue;
    // A foreground process is judged by the background factors it draws on.
    const upstream = row.factor.upstream;
    if (!upstream) byFactorAdd(row.factor.id, row);
    else for (const factor of upstream) byFactorAdd(factor.id, factor === row.factor ? row : { ...row, factor });
  }
  const where = (rows: InventoryRow[]) => (rows.length > 1 ? ` (${rows.length} lines, first at ${rows[0]!.path})` : '');
  const productRegion = product.region ? normaliseRegion(product.region) : undefined;
  // Where each row's activity happens: an inventory line's own region, else the product's.
  const regionOf = (row: InventoryRow): { region: string; of: 'line' | 'product' } | undefined => {
    const line = /^\/inventory\/(\d+)$/.exec(row.path);
    const own = line ? product.inventory?.[Number(line[1])]?.region : undefined;
    if (own) return { region: normaliseRegion(own), of: 'line' };
    return productRegion ? { region: productRegion, of: 'product' } : undefined;
  };
  // With no region anywhere no line has a place to judge a factor against (regionOf is undefined for all).
  const placed = productRegion !== undefined || (product.inventory ?? []).some((l) => l.region);
  const year = product.year ?? referenceYear;
  // Factor-fit warnings are grouped (one per region, data year, GWP basis) so 30 proxies make 3 lines.
  type Group = Map<string, { ids: string[]; path: string }>;
  const regionGroups = new Map<string, { ids: string[]; path: string; factorRegion: string; where: { region: string; of: 'line' | 'product' }; fit: RegionFit }>();
  const yearGroups: Group = new Map();
  const basisGroups: Group = new Map();
  const group = (g: Group, key: string, id: string, path: string) => {
    const entry = g.get(key) ?? { ids: [], path };
    entry.ids.push(id);
    g.set(key, entry);
  };
  const list = (ids: string[]) => (ids.length === 1 ? `factor "${ids[0]}" is` : `${ids.length} factors are`);
  const named = (ids: string[]) => (ids.length === 1 ? '' : `: ${ids.join(', ')}`);
  for (const [id, rows] of byFactor) {
    const f = rows[0]!.factor;
    const path = rows[0]!.path;
    if (f.co2Only) {
      w('CO2_ONLY_FACTOR', `factor "${id}" counts CO2 only (an operational emission factor for organisational accounting), not life-cycle CO2e${where(rows)}`,
        path, 'for a product carbon footprint (ISO 14067 / GB/T 24067) use a life-cycle factor such as cn-mee/electricity-footprint-national-2024');
    }
    if (placed && f.region && normaliseRegion(f.region) !== 'GLO') {
      // Each line is judged where it happens; lines of one factor in one place make one warning.
      for (const row of rows) {
        const where = regionOf(row);
        if (!where) continue;
        const fit = regionFit(f.region, where.region, regions);
        if (fit === 'contains') continue;
        const key = `${normaliseRegion(f.region)}|${where.of}|${where.region}`;
        const entry = regionGroups.get(key) ?? { ids: [], path: row.path, factorRegion: normaliseRegion(f.region), where, fit };
        if (!entry.ids.includes(id)) entry.ids.push(id);
        regionGroups.set(key, entry);
      }
    }
    if (year !== undefined && f.year !== undefined && Math.abs(year - f.year) > YEAR_SPAN) group(yearGroups, String(f.year), id, path);
    if (f.value.basisMismatch) group(basisGroups, f.value.basisMismatch, id, path);
    for (const caveat of f.caveats ?? []) {
      w('FACTOR_CAVEAT', `factor "${id}": ${caveat}${where(rows)}`, path, 'read the factor\'s notes; prefer a factor without this caveat where one exists');
    }
    if (f.validUntil && validOn !== undefined && expiredOn(f.validUntil, validOn)) {
      const index = (product.factors ?? []).findIndex((c) => c.id === id);
      w('FACTOR_EXPIRED', `custom factor "${id}"${f.supplier ? ` (from ${f.supplier})` : ''} was valid until ${f.validUntil.slice(0, 10)}, before ${validOn.slice(0, 10)}${where(rows)}`,
        index >= 0 ? `/factors/${index}` : path, 'ask the supplier for a current footprint (a PACT request), or state in the report why the expired value still represents the input');
    }
    if (f.isCustom && f.source.citation === '(no source given)') {
      const index = (product.factors ?? []).findIndex((c) => c.id === id);
      w('UNCITED_CUSTOM_FACTOR', `custom factor "${id}" has no source`, index >= 0 ? `/factors/${index}` : path,
        'add "source": where the value comes from (EPD number, measurement, database and version)');
    }
  }
  for (const g of regionGroups.values()) {
    const partly = g.fit === 'partly' ? ` (${g.factorRegion} covers only part of ${g.where.region})` : '';
    w('FACTOR_REGION_MISMATCH', `${list(g.ids)} for region ${g.factorRegion}, the ${g.where.of} is in ${g.where.region}${partly}${named(g.ids)}`, g.path,
      `use a factor for ${g.where.region} or a region containing it (its grid, its country) where one exists, or justify the proxy in the report`);
  }
  for (const [factorYear, g] of yearGroups) {
    w('FACTOR_YEAR_DISTANT', `${list(g.ids)} for data year ${factorYear}, ${Math.abs(year! - Number(factorYear))} years from ${year}${named(g.ids)}`, g.path,
      'prefer more recent factors, or state the temporal proxy in the report');
  }
  for (const [basis, g] of basisGroups) {
    w('GWP_BASIS_MISMATCH', `${list(g.ids)} CO2e in IPCC ${basis} with no split by gas, so cannot be re-characterised with ${compiled.gwp}; used as published${named(g.ids)}`, g.path,
      'give such factors per gas to characterise them with the chosen set, or choose the factors\' GWP set');
  }
  if (!compiled.hasEndOfLifeLines) {
    for (const c of compiled.withoutEndOfLife) {
      w('EOL_NOT_MODELLED', `the material of component "${c.idPath}" has no end-of-life treatment`, c.path,
        'add "endOfLife": [{ "route": "recycling", "share": 1, "factor": "…" }] to the component, or endOfLife inventory lines');
    }
  }
  for (const c of compiled.partialEndOfLife) {
    w('EOL_PARTIAL', `end-of-life routes of component "${c.idPath}" cover ${Math.round(c.share * 1000) / 10} % of its material`, `${c.path}/endOfLife`,
      'make the route shares add up to 1');
  }
  for (const r of compiled.endOfLifeWithoutFactor) {
    w('EOL_NO_FACTOR', `${Math.round(r.share * 1000) / 10} % of the material of component "${r.idPath}" goes to ${r.route} without a treatment factor: counted in the end-of-life mass, not in emissions`, r.path,
      'give the route a treatment factor (e.g. a waste factor per kg or t), or state the exclusion in the report');
  }
  for (const r of compiled.endOfLifeNotTreatment) {
    const counted = r.category === 'material'
      ? 'a material-production factor: the material\'s production is counted again at end of life, its treatment not at all'
      : `a ${r.category} factor, not a waste treatment: what it counts is not the treatment of the material`;
    w('EOL_NOT_TREATMENT', `end-of-life route "${r.route}" of component "${r.idPath}" uses factor "${r.factor}", ${counted}`, r.path,
      'give the route a waste-treatment factor (category waste, e.g. a landfill, incineration or recycling factor per kg or t of the material)');
  }
  for (const c of compiled.massWithoutMaterial) {
    w('MASS_WITHOUT_MATERIAL', `component "${c.idPath}" has a mass but no material, so it adds no emissions`, c.path,
      'name its material factor, or model it with its children');
  }
  // A negative factor nets a credit into the footprint as silently as a negative amount would.
  const negative = new Map<string, InventoryRow[]>();
  for (const row of compiled.rows) {
    if (row.amount < 0) w('NEGATIVE_AMOUNT', `the amount at ${row.path} is negative (${row.amount} ${row.unit}), a credit`, row.path,
      'ISO 14067 reports avoided emissions separately from the footprint; check this is intended');
    else if (row.amount > 0 && row.factor.value.kgCO2e.isNegative()) {
      const rows = negative.get(row.factor.id);
      if (rows) rows.push(row);
      else negative.set(row.factor.id, [row]);
    }
  }
  for (const [id, rows] of negative) {
    const { value, shown } = rows[0]!.factor;
    // Only biogenic CO2 uptake making it negative is a removal, which biogenicDetail already keeps apart.
    const removal = !value.origin.biogenicCO2Removals.isZero() && !value.kgCO2e.minus(value.origin.biogenicCO2Removals).isNegative();
    w('NEGATIVE_FACTOR', `factor "${id}" is negative (${shown.kgCO2e} kg CO2e per ${shown.unit}), so ${rows.length > 1 ? `its ${rows.length} lines, first at ${rows[0]!.path}, subtract` : `the line at ${rows[0]!.path} subtracts`} from the footprint: ${removal ? 'a net removal (biogenic CO2 uptake, also in biogenicDetail.co2RemovalsKgCO2e)' : 'a credit (avoided emissions)'} netted into the total`,
      rows[0]!.path, removal
        ? 'ISO 14067 and GB/T 24067 report removals apart from emissions: state the biogenic CO2 uptake separately in the report'
        : 'ISO 14067 and GB/T 24067 report avoided emissions and credits apart from the footprint: model the credit outside the product, or check it is intended and report it separately');
  }
  for (const name of parametersShadowingUnits(product.parameters)) {
    w('PARAMETER_SHADOWS_UNIT', `parameter "${name}" has the name of a unit; inside expressions it means the parameter`, `/parameters/${name}`,
      'rename the parameter (e.g. lifetimeYears) so units stay readable');
  }
  return out;
}

import { STAGES, STAGE_NAMES, type CalculationResult, type Product, type Stage } from '@greenlca/schema';
import { Dec, decimalString, sum } from './decimal.js';
import { emissionsByOrigin, gwpBasesAsPublished } from './origin.js';
import { deriveDataQuality, type DataQuality } from './dqi.js';
import { PACT_SPEC_VERSION, type CarbonFootprint, type DeclaredUnit, type ProductFootprint } from './schema.js';
import { MASSLESS_UNITS, toDeclaredUnit } from './units.js';
import { sha1, toHex, UUID_PATTERN, uuidV5 } from './uuid.js';
import { checkProductFootprint, PactValidationError, type PactIssue } from './validate.js';

/** PACT is cradle-to-gate: by default the footprint covers these stages. */
export const CRADLE_TO_GATE: readonly Stage[] = ['design', 'manufacture', 'packaging'];

export interface PactExportOptions {
  /** When the footprint is created (ISO date-time or Date). The package never reads the clock. */
  created: string | Date;
  /** The product document, for its region, year, description and bill of materials. */
  product?: Product;
  /** A given ProductFootprint id (UUID); by default derived from product id + version + result. */
  id?: string;
  /** Version label of this footprint; part of the derived id. */
  version?: string;
  company?: { name: string; ids: string[] };
  productIds?: string[];
  productDescription?: string;
  productClassifications?: string[];
  /** Stages inside the PCF (default cradle-to-gate: design, manufacture, packaging). */
  stages?: readonly Stage[];
  /**
   * Whether the company is responsible for outbound logistics: then our transport stage is reported as
   * outboundLogisticsGhgEmissions (default: when the transport stage has lines).
   */
  outboundLogistics?: boolean;
  /** Reference period; by default the calendar year `referenceYear` (or the product's year). */
  referencePeriod?: { start: string; end: string };
  referenceYear?: number;
  /** Where the product is made (ISO 3166-1 or 3166-2); default the product's region. */
  region?: string;
  declaredUnit?: { unit: DeclaredUnit; amount: number };
  /** kg of product per declared unit, excluding packaging; default from the bill of materials. */
  productMassKg?: number;
  /** kg C per declared unit; our model does not carry carbon content, so the default is 0 (stated in the comment). */
  fossilCarbonContentKgC?: number;
  biogenicCarbonContentKgC?: number;
  exemptedEmissionsPercent?: number;
  exemptedEmissionsDescription?: string;
  allocationRulesDescription?: string;
  crossSectoralStandards?: string[];
  productOrSectorSpecificRules?: CarbonFootprint['productOrSectorSpecificRules'];
  precedingPfIds?: string[];
  status?: 'Active' | 'Deprecated';
  validityPeriod?: { start: string; end: string };
  comment?: string;
}

export interface PactExport {
  footprint: ProductFootprint;
  /** Assumptions and defaults a person should check before sending the footprint. */
  notes: string[];
  /** Schema warnings (reporting rules), if any. */
  issues: PactIssue[];
  dataQuality: DataQuality;
}

/** A result that cannot be expressed in PACT (no declared unit, negative fossil emissions …). */
export class PactExportError extends Error {
  readonly code = 'PACT_EXPORT';
  constructor(message: string, readonly hint?: string) {
    super(hint ? `${message} (${hint})` : message);
    this.name = 'PactExportError';
  }
}

const iso = (d: string | Date): string => (typeof d === 'string' ? d : d.toISOString().replace(/\.\d{3}Z$/, 'Z'));

function slug(s: string): string {
  return encodeURIComponent(s.trim()).replace(/%20/g, '-');
}

/** Map a UN/ISO region code to the right PACT geography field. */
function geography(region: string | undefined): Partial<CarbonFootprint> {
  if (!region) return {};
  const r = region.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(r)) return { geographyCountry: r };
  if (/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(r)) return { geographyCountrySubdivision: r };
  return {};
}

/** Mass of the product per functional unit, excluding packaging components, from the BOM (kg). */
function bomMassKg(result: CalculationResult): number | undefined {
  if (!result.byComponent.length) return undefined;
  const packaging = new Set(result.lines.filter((l) => l.kind === 'material' && l.stage === 'packaging' && l.component).map((l) => l.component!));
  let mass = new Dec(0);
  for (const c of result.byComponent) {
    if (packaging.has(c.component)) continue;
    mass = mass.plus(c.massKg);
  }
  return mass.toNumber();
}

function describeBoundary(result: CalculationResult, stages: readonly Stage[], outbound: boolean): string {
  const parts: string[] = [];
  for (const s of stages) {
    const lines = result.lines.filter((l) => l.stage === s);
    if (!lines.length) continue;
    const labels = [...new Set(lines.map((l) => l.label))];
    const shown = labels.slice(0, 8).join('; ') + (labels.length > 8 ? `; and ${labels.length - 8} more` : '');
    parts.push(`${STAGE_NAMES[s].en} (${STAGE_NAMES[s].zh}): ${shown}`);
  }
  if (outbound && !stages.includes('transport')) {
    parts.push('Outbound logistics (运输) reported separately in outboundLogisticsGhgEmissions, not included in the PCF');
  }
  return parts.map((p, i) => `${i + 1}) ${p}`).join('\n');
}

/**
 * Export a calculation result as a PACT v3 ProductFootprint. Values are per declared unit (= our
 * functional unit), decimals are exact strings, and the export is validated against the schema.
 * See README.md for the field mapping and the data-quality derivation.
 */
export function exportProductFootprint(result: CalculationResult, options: PactExportOptions): PactExport {
  const notes: string[] = [];
  const product = options.product;
  const stages = STAGES.filter((s) => (options.stages ?? CRADLE_TO_GATE).includes(s));
  if (!stages.length) throw new PactExportError('the boundary has no stages');
  const inBoundary = result.lines.filter((l) => stages.includes(l.stage));
  const allStages = stages.length === STAGES.length;

  // Totals in the boundary, exact. With every stage inside, they are the engine's own totals.
  const pcf = allStages ? new Dec(result.total.kgCO2e) : sum(stages.map((s) => result.byStage[s].kgCO2e));
  const biogenic = allStages ? new Dec(result.total.biogenicKgCO2e) : sum(inBoundary.map((l) => l.biogenicKgCO2e ?? 0));
  const fossil = allStages ? new Dec(result.total.fossilKgCO2e) : pcf.minus(biogenic);
  if (fossil.isNegative()) {
    throw new PactExportError(`fossil GHG emissions in the boundary are negative (${fossil.toFixed()} kg CO2e) because of credits`,
      'PACT requires fossilGhgEmissions ≥ 0: report avoided emissions outside the footprint');
  }

  const fu = result.product.functionalUnit;
  const declared = options.declaredUnit
    ? { unit: options.declaredUnit.unit, amount: options.declaredUnit.amount, factor: options.declaredUnit.amount / fu.amount }
    : toDeclaredUnit(fu.amount, fu.unit);
  if (!declared) {
    throw new PactExportError(`the functional unit "${fu.amount} ${fu.unit}" has no PACT declared unit`,
      'give a declared unit (liter, kilogram, cubic meter, kilowatt hour, megajoule, ton kilometer, square meter, piece, hour, megabit second)');
  }

  let massKg = options.productMassKg;
  if (massKg === undefined) {
    if (MASSLESS_UNITS.includes(declared.unit)) massKg = 0;
    else if (declared.unit === 'kilogram') massKg = declared.amount;
    else {
      massKg = bomMassKg(result);
      if (massKg === undefined) {
        massKg = 0;
        notes.push('productMassPerDeclaredUnit: the product has no bill of materials and no mass was given, so it is reported as 0; give the product mass');
      } else notes.push(`productMassPerDeclaredUnit: ${massKg} kg from the bill of materials (component materials, packaging excluded)`);
    }
  }

  const year = options.referenceYear ?? product?.year;
  let period = options.referencePeriod;
  if (!period) {
    if (year === undefined) {
      throw new PactExportError('no reference period', 'give the product a "year", or a reference year or period for the export');
    }
    period = { start: `${year}-01-01T00:00:00Z`, end: `${year + 1}-01-01T00:00:00Z` };
  }

  const region = options.region ?? product?.region;
  const dq = deriveDataQuality(result, { stages, ...(region ? { productRegion: region } : {}), ...(year !== undefined ? { referenceYear: year } : {}) });

  const hasPackaging = stages.includes('packaging') && result.lines.some((l) => l.stage === 'packaging');
  const transportLines = result.lines.some((l) => l.stage === 'transport');
  const outbound = options.outboundLogistics ?? transportLines;

  const asPublished = gwpBasesAsPublished(result.warnings);
  const gwpSets = new Set<string>([result.gwp, ...asPublished.map((b) => b.basis)]);
  // PACT has no field for emissions of unknown origin: fossilGhgEmissions keeps them (see README).
  const origin = emissionsByOrigin(result, stages);

  const usedDatasets = new Set(inBoundary.map((l) => l.source.dataset).filter((d): d is string => !!d));
  const secondary = result.datasets.filter((d) => usedDatasets.has(d.id)).map((d) => ({ name: `${d.id} (${d.edition})`, version: d.version }));

  const c: CarbonFootprint = {
    declaredUnitOfMeasurement: declared.unit,
    declaredUnitAmount: decimalString(declared.amount),
    productMassPerDeclaredUnit: decimalString(massKg),
    referencePeriodStart: period.start,
    referencePeriodEnd: period.end,
    ...geography(region),
    boundaryProcessesDescription: describeBoundary(result, stages, outbound),
    pcfExcludingBiogenicUptake: decimalString(pcf),
    pcfIncludingBiogenicUptake: decimalString(pcf),
    fossilCarbonContent: decimalString(options.fossilCarbonContentKgC ?? 0),
    fossilGhgEmissions: decimalString(fossil),
    packagingEmissionsIncluded: hasPackaging,
    ipccCharacterizationFactors: [...gwpSets].sort(),
    crossSectoralStandards: options.crossSectoralStandards ?? ['ISO14067', 'GHGP-Product'],
    exemptedEmissionsPercent: decimalString(options.exemptedEmissionsPercent ?? 0),
    exemptedEmissionsDescription: options.exemptedEmissionsDescription
      ?? 'No cut-off applied by the calculator: every modelled inventory line and component material is included.',
    allocationRulesDescription: options.allocationRulesDescription
      ?? 'No allocation applied to foreground data by the calculator; secondary factors carry the allocation of their publishers.',
  };
  if (options.biogenicCarbonContentKgC !== undefined) c.biogenicCarbonContent = decimalString(options.biogenicCarbonContentKgC);
  if (hasPackaging) c.packagingGhgEmissions = decimalString(result.byStage.packaging.kgCO2e);
  if (outbound && transportLines) c.outboundLogisticsGhgEmissions = decimalString(result.byStage.transport.kgCO2e);
  if (options.productOrSectorSpecificRules) c.productOrSectorSpecificRules = options.productOrSectorSpecificRules;
  if (secondary.length) c.secondaryEmissionFactorSources = secondary;
  if (dq.primaryDataSharePercent !== undefined) c.primaryDataShare = dq.primaryDataSharePercent;
  if (dq.technologicalDQR && dq.geographicalDQR && dq.temporalDQR) {
    c.dqi = { technologicalDQR: dq.technologicalDQR, geographicalDQR: dq.geographicalDQR, temporalDQR: dq.temporalDQR };
  }
  if (options.fossilCarbonContentKgC === undefined) {
    notes.push('fossilCarbonContent: the product model carries no carbon content, so 0 is reported; give the fossil carbon content');
  }
  if (options.outboundLogistics === undefined && transportLines && !stages.includes('transport')) {
    notes.push('outboundLogisticsGhgEmissions: the transport stage is taken as outbound logistics the company is responsible for');
  }

  const excluded = STAGES.filter((s) => !stages.includes(s) && result.byStage[s].kgCO2e !== 0);
  const comment = [
    `Calculated with GreenLCA ${result.engine.name} ${result.engine.version}, GWP100 IPCC ${result.gwp}.`,
    `Declared unit = functional unit: ${fu.amount} ${fu.unit}${fu.description ? ` (${fu.description})` : ''}.`,
    `Boundary: ${stages.map((s) => STAGE_NAMES[s].en).join(', ')}.`,
    excluded.length
      ? `Outside the boundary (not in the PCF): ${excluded.map((s) => `${STAGE_NAMES[s].en} ${decimalString(result.byStage[s].kgCO2e)} kg CO2e`).join('; ')}.`
      : '',
    biogenic.isZero() ? '' : `pcfExcludingBiogenicUptake includes ${decimalString(biogenic)} kg CO2e biogenic CO2 emissions.`,
    origin.notSplitKgCO2e === 0 ? ''
      : `fossilGhgEmissions includes ${decimalString(origin.notSplitKgCO2e)} kg CO2e from factors given only as CO2e totals, which cannot be split into fossil and biogenic; counted as fossil.`,
    ...asPublished.map((b) => `${b.count} factor${b.count > 1 ? 's' : ''} given only as CO2e in IPCC ${b.basis} used as published, not re-characterised with ${result.gwp}.`),
    'Biogenic CO2 uptake is not modelled, so biogenicCO2Uptake is undefined and pcfIncludingBiogenicUptake equals pcfExcludingBiogenicUptake.',
    options.fossilCarbonContentKgC === undefined ? 'Carbon content of the product not assessed (fossilCarbonContent reported as 0).' : '',
    'primaryDataShare and dqi are derived by GreenLCA from the factors used (custom factors and direct emissions count as primary data).',
    ...result.warnings.filter((w) => w.code === 'CO2_ONLY_FACTOR').map((w) => `Warning: ${w.message}.`),
    options.comment ?? '',
  ].filter(Boolean).join(' ');

  const fingerprint = toHex(sha1(new TextEncoder().encode(JSON.stringify({ c, total: result.total, byStage: result.byStage, datasets: result.datasets, engine: result.engine }))));
  const id = options.id ?? uuidV5(`greenlca:product-footprint:${result.product.id}:${options.version ?? fingerprint}`);
  if (!UUID_PATTERN.test(id)) throw new PactExportError(`"${id}" is not a UUID`);

  const company = options.company ?? { name: 'Unspecified company', ids: ['urn:pact:greenlca.invalid:company-id:unspecified'] };
  if (!options.company) notes.push('companyName/companyIds: no company given, placeholders used; give the data owner\'s name and URN ids');
  const domain = /^urn:pact:([^:]+):/i.exec(company.ids[0] ?? '')?.[1] ?? 'greenlca.invalid';
  const pf: ProductFootprint = {
    id,
    specVersion: PACT_SPEC_VERSION,
    ...(options.precedingPfIds?.length ? { precedingPfIds: options.precedingPfIds } : {}),
    created: iso(options.created),
    status: options.status ?? 'Active',
    ...(options.validityPeriod ? { validityPeriodStart: options.validityPeriod.start, validityPeriodEnd: options.validityPeriod.end } : {}),
    companyName: company.name,
    companyIds: company.ids,
    productDescription: options.productDescription ?? product?.description ?? `${result.product.name}${fu.description ? `: ${fu.description}` : ''}`,
    productIds: options.productIds ?? [`urn:pact:${domain}:product-id:${slug(result.product.id)}`],
    ...(options.productClassifications?.length ? { productClassifications: options.productClassifications } : {}),
    productNameCompany: result.product.name,
    comment,
    pcf: c,
  };
  const checked = checkProductFootprint(pf);
  if (!checked.ok) throw new PactValidationError(checked.issues, 'the exported ProductFootprint');
  return { footprint: checked.footprint, notes, issues: checked.issues, dataQuality: dq };
}

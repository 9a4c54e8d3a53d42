import { STAGES, STAGE_NAMES, type CalculationResult, type Product, type Stage } from '@greenlca/schema';
import { Dec, decimalString, sum } from './decimal.js';
import { emissionsByOrigin, gwpBasesAsPublished, OriginMissingError, type EmissionsByOrigin } from './origin.js';
import { deriveDataQuality, type DataQuality } from './dqi.js';
import { PACT_SPEC_VERSION, type CarbonFootprint, type DataModelExtension, type DeclaredUnit, type ProductFootprint } from './schema.js';
import { MASSLESS_UNITS, toDeclaredUnit } from './units.js';
import { UUID_PATTERN, uuidV5 } from './uuid.js';
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
  /**
   * kg C per declared unit, as assessed. By default computed from the product's materials whose factors
   * state their carbon content (custom factors' `carbonContent`, e.g. imported PACT footprints); when any
   * material's is unknown, fossil carbon content (a required PACT field) must be given
   * (PACT_CARBON_CONTENT_UNKNOWN) and biogenic carbon content is left undefined (PACT: blank if unknown).
   */
  fossilCarbonContentKgC?: number;
  biogenicCarbonContentKgC?: number;
  /**
   * kg CO2e of fossil emissions per declared unit, as assessed. By default the fossil part the factors
   * name; when part of the boundary is not split by origin (factors given only as CO2e totals) that is a
   * lower bound, and the export says so (issue PACT_FOSSIL_LOWER_BOUND, a note and the comment).
   */
  fossilGhgEmissionsKgCO2e?: number;
  /** Share of emissions left out, as assessed; by default the result's cut-off share (see exemptions()). */
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
  constructor(message: string, readonly hint?: string, readonly code: string = 'PACT_EXPORT') {
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

/** Stages whose component materials are the product as delivered (not packaging, spare parts used later …). */
const PRODUCT_STAGES: readonly Stage[] = ['design', 'manufacture'];

/** Mass of the product per functional unit from the BOM (kg): its materials made before the gate, packaging excluded. */
function bomMassKg(result: CalculationResult): number | undefined {
  if (!result.byComponent.length) return undefined;
  const notProduct = new Set(result.lines.filter((l) => l.kind === 'material' && !PRODUCT_STAGES.includes(l.stage) && l.component).map((l) => l.component!));
  let mass = new Dec(0);
  for (const c of result.byComponent) {
    if (notProduct.has(c.component)) continue;
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

  // The engine's origin split of the boundary (with every stage inside: its own totals), exact.
  let origin: EmissionsByOrigin;
  try {
    origin = emissionsByOrigin(result, stages);
  } catch (error) {
    if (error instanceof OriginMissingError) throw new PactExportError(error.message, 'calculate the product again', error.code);
    throw error;
  }
  const pcf = origin.kgCO2e;
  const assessedFossil = options.fossilGhgEmissionsKgCO2e !== undefined;
  const fossil = assessedFossil ? new Dec(options.fossilGhgEmissionsKgCO2e!) : origin.fossilKgCO2e;
  const removals = origin.biogenicCO2RemovalsKgCO2e;
  // PACT has no "unknown" for fossilGhgEmissions (SHALL): with a part of unknown origin the fossil part
  // the factors name is only a lower bound (the kettle's cradle to gate: "0"), never to be passed off as the whole.
  const fossilLowerBound = !assessedFossil && !origin.notSplitKgCO2e.isZero();
  if (assessedFossil && fossil.lt(origin.fossilKgCO2e)) {
    throw new PactExportError(`fossilGhgEmissions given as ${fossil.toFixed()} kg CO2e, less than the ${decimalString(origin.fossilKgCO2e)} kg CO2e of fossil gases the factors name`,
      'give at least the fossil part the calculation finds, plus what of the part not split by origin is fossil', 'PACT_FOSSIL_BELOW_NAMED');
  }
  // Fossil emissions as assessed come out of the part the factors leave unsplit: at most all of it.
  const fossilCeiling = origin.fossilKgCO2e.plus(origin.notSplitKgCO2e);
  if (assessedFossil && fossil.gt(fossilCeiling)) {
    throw new PactExportError(`fossilGhgEmissions given as ${fossil.toFixed()} kg CO2e, more than the ${decimalString(fossilCeiling)} kg CO2e of fossil and not-split emissions in the boundary`,
      'give at most the fossil part the calculation finds plus the part not split by origin', 'PACT_FOSSIL_ABOVE_BOUNDARY');
  }
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
      } else notes.push(`productMassPerDeclaredUnit: ${massKg} kg from the bill of materials (component materials made in design and manufacture; packaging and parts in later stages, e.g. spare parts, excluded)`);
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
  const issues: PactIssue[] = [];
  const carbon = carbonContent(result, product);
  const fossilCarbon = options.fossilCarbonContentKgC ?? carbon.fossilKgC;
  if (fossilCarbon === undefined) {
    throw new PactExportError(
      `the fossil carbon content of the product is not known: ${carbon.unknown.length ? `no carbon content for ${carbon.unknown.slice(0, 5).join(', ')}${carbon.unknown.length > 5 ? ` and ${carbon.unknown.length - 5} more` : ''}` : 'the product has no bill of materials'}`,
      'give it (kg C per declared unit: --fossil-carbon-content, or fossilCarbonContentKgC), or use materials whose factors state their carbon content; PACT v3 requires fossilCarbonContent and has no "unknown" for it',
      'PACT_CARBON_CONTENT_UNKNOWN');
  }
  const biogenicCarbon = options.biogenicCarbonContentKgC ?? carbon.biogenicKgC;
  const exempted = exemptions(result, stages, options);

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
    // PACT v3: the PCF includes every emission, biogenic ones too; "excluding" leaves out the uptake only.
    pcfExcludingBiogenicUptake: decimalString(pcf.minus(removals)),
    pcfIncludingBiogenicUptake: decimalString(pcf),
    fossilCarbonContent: decimalString(fossilCarbon),
    fossilGhgEmissions: decimalString(fossil),
    packagingEmissionsIncluded: hasPackaging,
    ipccCharacterizationFactors: [...gwpSets].sort(),
    crossSectoralStandards: options.crossSectoralStandards ?? DEFAULT_STANDARDS,
    exemptedEmissionsPercent: decimalString(exempted.percent),
    exemptedEmissionsDescription: options.exemptedEmissionsDescription ?? exempted.description,
    allocationRulesDescription: options.allocationRulesDescription
      ?? 'No allocation applied to foreground data by the calculator; secondary factors carry the allocation of their publishers.',
  };
  if (biogenicCarbon !== undefined) c.biogenicCarbonContent = decimalString(biogenicCarbon);
  // BIO fields: the value where known; 0 where none applies; undefined (unknown) where part of the
  // boundary's emissions is not split by origin and may hide them.
  const unknownOrigin = !origin.notSplitKgCO2e.isZero();
  const bio = (v: Dec): string | undefined => (!v.isZero() ? decimalString(v) : unknownOrigin ? undefined : '0');
  const uptake = bio(removals);
  if (uptake !== undefined) c.biogenicCO2Uptake = uptake;
  const nonCO2 = bio(origin.biogenicNonCO2KgCO2e);
  if (nonCO2 !== undefined) c.biogenicNonCO2Emissions = nonCO2;
  c.ccsTechnologicalCO2CaptureIncluded = false; // the product model has no carbon capture
  const withoutUptake = (s: Stage) => new Dec(result.byStage[s].kgCO2e).minus(result.byStage[s].biogenicDetail.co2RemovalsKgCO2e);
  if (hasPackaging) c.packagingGhgEmissions = decimalString(withoutUptake('packaging'));
  if (outbound && transportLines) c.outboundLogisticsGhgEmissions = decimalString(withoutUptake('transport'));
  if (options.productOrSectorSpecificRules) c.productOrSectorSpecificRules = options.productOrSectorSpecificRules;
  if (secondary.length) c.secondaryEmissionFactorSources = secondary;
  if (dq.primaryDataSharePercent !== undefined) c.primaryDataShare = dq.primaryDataSharePercent;
  if (dq.technologicalDQR && dq.geographicalDQR && dq.temporalDQR) {
    c.dqi = { technologicalDQR: dq.technologicalDQR, geographicalDQR: dq.geographicalDQR, temporalDQR: dq.temporalDQR };
  }
  if (fossilLowerBound) {
    const share = pcf.isZero() ? undefined : origin.notSplitKgCO2e.div(pcf).times(100).toDecimalPlaces(1);
    const said = `fossilGhgEmissions ${decimalString(fossil)} kg CO2e is a lower bound: it counts the fossil gases the factors name, and `
      + `${decimalString(origin.notSplitKgCO2e)} kg CO2e${share ? ` (${share.toFixed(1)} % of the PCF)` : ''} come from factors given only as CO2e totals, of unknown origin, which may be fossil too`;
    notes.push(`${said}; give fossilGhgEmissions as assessed (fossilGhgEmissionsKgCO2e; the CLI's --fossil-ghg) before sending`);
    issues.push({ path: '/pcf/fossilGhgEmissions', severity: 'warning', code: 'PACT_FOSSIL_LOWER_BOUND', message: `${said}: give it as assessed before sending the footprint` });
  }
  if (assessedFossil) notes.push(`fossilGhgEmissions: ${decimalString(fossil)} kg CO2e as assessed by the data owner`);
  if (options.fossilCarbonContentKgC === undefined) notes.push(`fossilCarbonContent: ${decimalString(fossilCarbon)} kg C from the carbon content its materials' factors state`);
  if (biogenicCarbon === undefined) notes.push('biogenicCarbonContent: not known for every material, so left undefined (PACT: blank if unknown)');
  if (!options.crossSectoralStandards) {
    notes.push('crossSectoralStandards: PACT-3.0 (the field definitions the export follows); ISO 14067 and the GHG Protocol Product Standard are not claimed, as the calculation is not verified against them (the CFP report disclaims conformity): name them once verified');
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
    `By origin (kg CO2e): fossil ${decimalString(origin.fossilKgCO2e)}, biogenic ${decimalString(origin.biogenicKgCO2e)}`
      + ` (CO2 emitted ${decimalString(origin.biogenicCO2EmissionsKgCO2e)}, CO2 removed ${decimalString(removals)}, CH4 and N2O from biomass ${decimalString(origin.biogenicNonCO2KgCO2e)}),`
      + ` not split by origin ${decimalString(origin.notSplitKgCO2e)}; the same split is in the extension ${ORIGIN_EXTENSION_SCHEMA}.`,
    origin.notSplitKgCO2e.isZero() ? ''
      : assessedFossil
        ? `${decimalString(origin.notSplitKgCO2e)} kg CO2e come from factors given only as CO2e totals, of unknown origin to the calculator; fossilGhgEmissions (${decimalString(fossil)}) is as assessed by the data owner, and the biogenic fields are left undefined where they could hide in them.`
        : `${decimalString(origin.notSplitKgCO2e)} kg CO2e come from factors given only as CO2e totals, of unknown origin: they are in the PCF but neither in fossilGhgEmissions nor in the biogenic fields, which are left undefined where they could hide in it; fossilGhgEmissions (${decimalString(fossil)}) is therefore a lower bound, not the fossil share of the PCF.`,
    origin.biogenicCO2EmissionsKgCO2e.isZero() ? ''
      : `The PCF includes ${decimalString(origin.biogenicCO2EmissionsKgCO2e)} kg CO2e biogenic CO2 emissions (PACT v3 has no field of its own for them).`,
    ...asPublished.map((b) => `${b.count} factor${b.count > 1 ? 's' : ''} given only as CO2e in IPCC ${b.basis} used as published, not re-characterised with ${result.gwp}.`),
    'primaryDataShare and dqi are derived by GreenLCA from the factors used (custom factors and direct emissions count as primary data).',
    ...result.warnings.filter((w) => w.code === 'CO2_ONLY_FACTOR').map((w) => `Warning: ${w.message}.`),
    options.comment ?? '',
  ].filter(Boolean).join(' ');

  // Without a version, the id is a v5 UUID (SHA-1) of the exported values themselves: the same result, the same id.
  const content = JSON.stringify({ c, total: result.total, byStage: result.byStage, datasets: result.datasets, engine: result.engine });
  const id = options.id ?? uuidV5(`greenlca:product-footprint:${result.product.id}:${options.version ?? content}`);
  if (!UUID_PATTERN.test(id)) throw new PactExportError(`"${id}" is not a UUID`);

  const company = options.company ?? { name: 'Unspecified company', ids: [`urn:pact:${PLACEHOLDER_DOMAIN}:company-id:unspecified`] };
  if (!options.company) notes.push('companyName/companyIds: no company given, placeholders used; give the data owner\'s name and URN ids');
  const domain = /^urn:pact:([^:]+):/i.exec(company.ids[0] ?? '')?.[1] ?? PLACEHOLDER_DOMAIN;
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
    extensions: [originExtension(origin)],
  };
  pf.companyIds.forEach((u, i) => placeholder(u) && issues.push(placeholderIssue(`/companyIds/${i}`, u, 'the data owner\'s company ids (--company-id)')));
  pf.productIds.forEach((u, i) => placeholder(u) && issues.push(placeholderIssue(`/productIds/${i}`, u, 'the product\'s ids (--product-id; urn:gtin:… or urn:pact:<your domain>:product-id:…)')));
  const checked = checkProductFootprint(pf);
  if (!checked.ok) throw new PactValidationError(checked.issues, 'the exported ProductFootprint');
  return { footprint: checked.footprint, notes, issues: [...issues, ...checked.issues], dataQuality: dq };
}

/** Default crossSectoralStandards: the PACT v3 definitions the export follows; no ISO 14067 / GHGP claim (not verified). */
export const DEFAULT_STANDARDS = ['PACT-3.0'];

/** The domain of placeholder ids (RFC 2606 .invalid): never a real company's. */
export const PLACEHOLDER_DOMAIN = 'greenlca.invalid';
const placeholder = (urn: string): boolean => /\.invalid(:|$)/i.test(urn.split(':')[2] ?? '');
function placeholderIssue(path: string, urn: string, what: string): PactIssue {
  return { path, severity: 'warning', code: 'PACT_PLACEHOLDER_ID', message: `"${urn}" is a placeholder, not a real id: give ${what} before sending the footprint` };
}

/** The schema id of GreenLCA's origin extension: the engine's split, which PACT fields cannot all hold. */
export const ORIGIN_EXTENSION_SCHEMA = 'urn:greenlca:pact-extension:origin:1.0.0';

/** The boundary's origin split as a PACT DataModelExtension (read back by the importer). */
function originExtension(o: EmissionsByOrigin): DataModelExtension {
  return {
    specVersion: '2.0.0',
    dataSchema: ORIGIN_EXTENSION_SCHEMA,
    data: {
      fossilKgCO2e: decimalString(o.fossilKgCO2e),
      biogenicCO2EmissionsKgCO2e: decimalString(o.biogenicCO2EmissionsKgCO2e),
      biogenicCO2RemovalsKgCO2e: decimalString(o.biogenicCO2RemovalsKgCO2e),
      biogenicNonCO2KgCO2e: decimalString(o.biogenicNonCO2KgCO2e),
      notSplitKgCO2e: decimalString(o.notSplitKgCO2e),
    },
  };
}

/**
 * The product's carbon content (kg C per functional unit, packaging excluded) from its component
 * materials whose factors state it (custom factors' `carbonContent`); undefined when any is unknown.
 * Bundled datasets give no carbon content, so only declared (e.g. imported PACT) materials have one.
 */
function carbonContent(result: CalculationResult, product: Product | undefined): { fossilKgC?: Dec; biogenicKgC?: Dec; unknown: string[] } {
  const materials = result.lines.filter((l) => l.kind === 'material' && l.stage !== 'packaging');
  const declared = new Map((product?.factors ?? []).map((f) => [f.id, f.carbonContent]));
  const unknown = new Set<string>();
  let fossil: Dec | undefined = materials.length ? new Dec(0) : undefined;
  let biogenic: Dec | undefined = materials.length ? new Dec(0) : undefined;
  let noBiogenic = false;
  for (const l of materials) {
    const content = l.factor ? declared.get(l.factor) : undefined;
    if (content?.fossilKgC === undefined) unknown.add(l.factor ?? l.path);
    else fossil = fossil?.plus(new Dec(l.amount.value).times(content.fossilKgC));
    if (content?.biogenicKgC === undefined) noBiogenic = true;
    else biogenic = biogenic?.plus(new Dec(l.amount.value).times(content.biogenicKgC));
  }
  return { ...(unknown.size || !fossil ? {} : { fossilKgC: fossil }), ...(noBiogenic || !biogenic ? {} : { biogenicKgC: biogenic }), unknown: [...unknown] };
}

/** Engine warnings that say emissions inside a boundary were left out, by the stage they concern. */
const LEFT_OUT: Record<string, Stage | undefined> = { EOL_NOT_MODELLED: 'endOfLife', EOL_PARTIAL: 'endOfLife', EOL_NO_FACTOR: 'endOfLife', MASS_WITHOUT_MATERIAL: undefined };

/**
 * exemptedEmissionsPercent as assessed: the caller's figure, or the result's own cut-off share, which is
 * 0 % when the calculator left nothing out of the boundary. When the result says it left emissions out
 * (an end-of-life route without a factor, a mass without a material …) their share is not known: then
 * the caller must assess it (PACT_EXEMPTIONS_NOT_ASSESSED), never a claimed 0.
 */
function exemptions(result: CalculationResult, stages: readonly Stage[], options: PactExportOptions): { percent: number; description: string } {
  if (options.exemptedEmissionsPercent !== undefined) {
    return { percent: options.exemptedEmissionsPercent, description: options.exemptedEmissionsDescription ?? 'As assessed by the data owner.' };
  }
  const leftOut = result.warnings.filter((w) => w.code in LEFT_OUT && (LEFT_OUT[w.code] === undefined || stages.includes(LEFT_OUT[w.code]!)));
  if (leftOut.length) {
    throw new PactExportError(`the result leaves emissions out of the boundary (${[...new Set(leftOut.map((w) => w.code))].join(', ')}), so their share is not known`,
      'model them, or give exemptedEmissionsPercent (--exempted-percent) as assessed', 'PACT_EXEMPTIONS_NOT_ASSESSED');
  }
  return { percent: 0, description: 'Cut-off share of the calculation: 0 %. Every modelled inventory line and component material inside the boundary is counted, and the calculator reported none left out.' };
}

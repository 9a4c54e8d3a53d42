import type { BuildLog } from '../../lib/log.js';
import {
  NAMED_GASES, OCD_FORMULA_DESIGNATIONS, designationFromCode, designationKey, displayDesignation, isDesignation,
  nameKey, nameParts, type NamedGas,
} from './naming.js';
import { SETS, type Ar, type GwpRow } from './types.js';

/** One gas after merging both sources. */
export interface Species {
  key: string;
  named?: NamedGas;
  /** Designation as spelled by the preferred source (AR6 > AR5 > AR4 > openclimatedata). */
  designation?: string;
  /** Best English label for undesignated gases (AR6 name first). */
  label?: string;
  formula?: string;
  cas?: string;
  /** Every label the sources use for it, in the order met. */
  labels: string[];
  lcia: Partial<Record<Ar, GwpRow>>;
  ocd: Partial<Record<Ar, GwpRow>>;
}

function addLabel(s: Species, label: string | undefined): void {
  if (label && !s.labels.includes(label)) s.labels.push(label);
}

function namedGasOf(row: GwpRow): NamedGas | undefined {
  const candidates = [row.name, row.acronym].filter(Boolean).map((x) => x!.toLowerCase());
  return NAMED_GASES.find((g) => candidates.some((c) => g.names.includes(c)) && (!row.formula || row.formula === g.formula));
}

/** The designation of an LCIAformatter row: the AR6 acronym, else the name or a bracketed part of it. */
function designationOf(row: GwpRow): string | undefined {
  if (row.acronym && isDesignation(row.acronym)) return row.acronym;
  if (!row.name) return undefined;
  return nameParts(row.name).find(isDesignation);
}

/**
 * Merge LCIAformatter (AR6 rows first, then AR5, AR4) and openclimatedata rows into species.
 * A row joins a species by named-gas spelling, by designation, by CAS, by name, or by a formula
 * unique in both reports; never into a species that already has a value for that report.
 */
export class SpeciesMerger {
  readonly species: Species[] = [];
  private readonly byKey = new Map<string, Species>();

  constructor(private readonly log: BuildLog) {}

  private create(key: string, init: Partial<Species>): Species {
    const s: Species = { key, labels: [], lcia: {}, ocd: {}, ...init };
    this.species.push(s);
    this.byKey.set(key, s);
    return s;
  }

  private link(key: string, s: Species): void {
    if (!this.byKey.has(key)) this.byKey.set(key, s);
  }

  addLcia(rows: GwpRow[]): void {
    for (const ar of ['AR6', 'AR5', 'AR4'] as const) {
      const inSet = rows.filter((r) => r.ar === ar);
      const formulaCount = new Map<string, number>();
      for (const r of inSet) if (r.formula) formulaCount.set(r.formula, (formulaCount.get(r.formula) ?? 0) + 1);
      for (const row of inSet) this.placeLcia(row, formulaCount.get(row.formula ?? '') === 1);
    }
  }

  private placeLcia(row: GwpRow, formulaUnique: boolean): void {
    const named = namedGasOf(row);
    const designation = named ? undefined : designationOf(row);
    let s: Species | undefined;
    let via = '';
    if (named) {
      s = this.byKey.get(`g:${named.id}`) ?? this.create(`g:${named.id}`, { named, formula: named.formula });
      via = 'named gas';
    } else if (designation) {
      const key = designationKey(designation);
      s = this.byKey.get(key) ?? this.create(key, { designation: displayDesignation(designation) });
      via = 'designation';
    } else {
      const candidates: [string, string | undefined][] = [
        ['CAS', row.cas && `c:${row.cas}`],
        ['name', row.name && nameKey(row.name)],
        ['formula', formulaUnique && row.formula ? `f:${row.formula}` : undefined],
      ];
      for (const [how, key] of candidates) {
        const hit = key ? this.byKey.get(key) : undefined;
        // A formula alone may not pull a row into a designated or named gas (AR4's HFE-254cb2 and AR5's
        // HFE-254cb1 share CH3OCF2CHF2); an exact CAS or name may.
        const open = how === 'formula' ? !hit?.designation && !hit?.named : true;
        if (hit && !hit.lcia[row.ar] && open) {
          s = hit;
          via = how;
          break;
        }
      }
      if (!s) {
        const key = row.cas ? `c:${row.cas}` : nameKey(row.name ?? row.formula ?? `line${row.line}`);
        s = this.byKey.has(key) ? this.create(`${key}#${row.ar}${row.line}`, {}) : this.create(key, {});
        via = 'new';
      }
      if (via !== 'new' && via !== 'CAS') this.log.info(`${row.ar} "${row.name}" (line ${row.line}) matched by ${via} to "${s.label ?? s.labels[0]}"`);
      s.label ??= row.name ?? row.formula;
    }
    if (s.lcia[row.ar]) {
      const first = s.lcia[row.ar]!;
      this.log.info(
        `${row.ar}: "${row.name}" (line ${row.line}, ${row.value}) and "${first.name}" (line ${first.line}, ${first.value}) are both ${s.designation ?? s.named?.id ?? s.label}; ` +
          'the second is kept as a species of its own',
      );
      const key = `${nameKey(row.name ?? '')}#${row.ar}${row.line}`;
      s = this.create(key, { label: row.name });
    }
    s.lcia[row.ar] = row;
    s.formula ??= row.formula;
    s.cas ??= row.cas;
    // Bracketed parts are other names only for designated gases ("HFE-347mcc3 (HFE-7000)"); in other
    // names they qualify the name ("Perfluorodecalin (cis)") and are not names of their own.
    const parts = designation && row.name ? nameParts(row.name) : [];
    for (const label of [row.name, ...parts, row.acronym]) addLabel(s, label);
    if (row.cas) this.link(`c:${row.cas}`, s);
    if (row.name) this.link(nameKey(row.name), s);
    if (row.acronym && !isDesignation(row.acronym)) this.link(nameKey(row.acronym), s);
    if (row.formula && formulaUnique && !s.named && !s.designation) this.link(`f:${row.formula}`, s);
  }

  /** openclimatedata rows: by named-gas id, by PFC formula, else by designation. */
  addOpenclimatedata(rows: GwpRow[]): void {
    for (const row of rows) {
      const code = row.code!;
      const named = NAMED_GASES.find((g) => g.id === code);
      let key: string;
      let designation: string | undefined;
      if (named) key = `g:${named.id}`;
      else {
        designation = OCD_FORMULA_DESIGNATIONS[code] ?? designationFromCode(code);
        key = designationKey(designation);
      }
      let s = this.byKey.get(key);
      if (!s) {
        s = named ? this.create(key, { named, formula: named.formula }) : this.create(key, { designation });
        this.log.info(`openclimatedata ${code}: not in LCIAformatter; species ${named?.id ?? designation}`);
      }
      const pfc = OCD_FORMULA_DESIGNATIONS[code];
      if (pfc) {
        const formulas = Object.values(s.lcia).map((r) => r.formula ?? '');
        if (!formulas.some((f) => f.replace(/^n-/, '').replace(/-/g, '') === code)) {
          throw new Error(`openclimatedata ${code} → ${pfc}, but LCIAformatter gives formulas ${formulas.join(', ')}`);
        }
      }
      s.ocd[row.ar] = row;
      addLabel(s, code);
    }
  }

  /** Report every value the two sources both give and disagree on (openclimatedata is kept). */
  disagreements(): { species: Species; ar: Ar; ocd: number; lcia: number }[] {
    const out: { species: Species; ar: Ar; ocd: number; lcia: number }[] = [];
    for (const s of this.species)
      for (const ar of SETS) {
        const o = s.ocd[ar];
        const l = s.lcia[ar];
        if (o && l && o.value !== l.value) out.push({ species: s, ar, ocd: o.value, lcia: l.value });
      }
    return out;
  }
}

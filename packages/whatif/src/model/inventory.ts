import { dec, inventoryShares, type ComponentInstance, type Decimal, type FlowIndex, type InventoryRow, type InventoryShare } from '@greenlca/engine';
import { STAGES, type EmissionEntry, type EndOfLifeEntry, type EnergyEntry, type MaterialEntry, type Stage } from '@greenlca/schema';
import { addFixed, FIXED_ZERO, fixedOfDecimal, numberOfFixed, timesFixed, type Fixed } from './exact.js';
import { StageSums } from './stage-sums.js';

/**
 * The material, energy and emission inventories of a what-if model, kept by difference like the
 * CO2e totals: each entry's amount and stages are exact sums of (row amount × the entry's amount per
 * unit), the per-unit values being the engine's (`inventoryShares`, the rules of `inventoryOf`). An
 * edit changes only the entries its rows reach, so reading them costs one rounding per entry and
 * stage, whatever the size of the product. End-of-life masses and materials counted per item come
 * from the components (their mass), added and removed with them.
 */

/** One entry's exact sums (immutable: an edit makes a new one). */
export interface EntrySums {
  readonly section: InventoryShare['section'] | 'endOfLife';
  readonly meta: Readonly<Record<string, unknown>>;
  readonly unit: string;
  /** The amount by stage; the entry's amount is their total. */
  readonly sums: StageSums;
  /** MJ, for energy whose amount is an energy. */
  readonly mj?: Fixed;
  /** The entry as shown, made when first read. */
  shown?: Shown;
}

/** The inventory totals, exact, kept by difference with the entries. */
interface InventoryTotals {
  materialKg: Fixed;
  packagingKg: Fixed;
  electricityKWh: Fixed;
  finalEnergyMJ: Fixed;
}

export interface InventorySums {
  /** Each entry's place in `entries`, by section and key: shared by the sums of edits that add no entry. */
  readonly index: ReadonlyMap<string, number>;
  /** The entries, in the order they first appeared (an edit copies the list and replaces what it reaches). */
  readonly entries: readonly EntrySums[];
  readonly totals: Readonly<InventoryTotals>;
  /** After an edit: the view of the sums it started from, if it was made, and the sections the edit changed. */
  readonly edit?: { readonly from: ModelInventory; readonly sections: readonly EntrySums['section'][]; readonly totals: Readonly<InventoryTotals> };
}

export const EMPTY_INVENTORY: InventorySums = {
  index: new Map(), entries: [], totals: { materialKg: FIXED_ZERO, packagingKg: FIXED_ZERO, electricityKWh: FIXED_ZERO, finalEnergyMJ: FIXED_ZERO },
};

/** A row's shares with their per-unit values as fixed decimals, kept per (factor value, kind, stage). */
export interface PreparedShare {
  share: InventoryShare;
  /** The entry's id (section and key). */
  id: string;
  perUnit: Fixed | 'componentMass';
  mjPerUnit?: Fixed;
}

/**
 * Kept per resolved factor (its id, category, unit and value: one object per factor and model), row
 * kind and stage: materials depend on the kind and the stage, energy on the factor's category and unit.
 */
const prepared = new WeakMap<object, Map<string, Partial<Record<Stage, PreparedShare[]>>>>();
export function sharesOf(row: InventoryRow, flows: FlowIndex | undefined): PreparedShare[] {
  let byKind = prepared.get(row.factor);
  if (!byKind) prepared.set(row.factor, (byKind = new Map()));
  let byStage = byKind.get(row.kind);
  if (!byStage) byKind.set(row.kind, (byStage = {}));
  let out = byStage[row.stage];
  if (!out) {
    out = inventoryShares(row, flows).shares.map((share) => {
      const perUnit = share.perUnit === 'componentMass' ? 'componentMass' as const : fixedOfDecimal(share.perUnit);
      const id = `${share.section}|${share.key}`;
      return share.mjPerUnit ? { share, id, perUnit, mjPerUnit: fixedOfDecimal(share.mjPerUnit) } : { share, id, perUnit };
    });
    byStage[row.stage] = out;
  }
  return out;
}

interface FreshEntry {
  sums: StageSums;
  mj: Fixed | undefined;
  readonly section: EntrySums['section'];
  readonly meta: Readonly<Record<string, unknown>>;
  readonly unit: string;
}

/** Collects changes to entries (copy on write), then gives the new sums. */
export class InventoryEditor {
  private index: Map<string, number> | undefined;
  /** Changed entries by their place. */
  private readonly fresh = new Map<number, FreshEntry>();
  private readonly totals: InventoryTotals;

  constructor(private readonly base: InventorySums) {
    this.totals = { ...base.totals };
  }

  /** Adds x (exact, in the entry's unit) to an entry at a stage, and mj to its MJ; meta is made only for a new entry. */
  add(section: EntrySums['section'], id: string, meta: Readonly<Record<string, unknown>> | (() => Record<string, unknown>), unit: string, stage: Stage, x: Fixed, mj?: Fixed): void {
    let at = (this.index ?? this.base.index).get(id);
    if (at === undefined) {
      // A new entry: the index is copied once per edit that adds any.
      this.index ??= new Map(this.base.index);
      at = this.index.size;
      this.index.set(id, at);
    }
    let e = this.fresh.get(at);
    if (!e) {
      const old = this.base.entries[at];
      e = old
        ? { sums: old.sums.edited(), mj: old.mj, section, meta: old.meta, unit: old.unit }
        : { sums: StageSums.zero(), mj: undefined, section, meta: typeof meta === 'function' ? meta() : meta, unit };
      this.fresh.set(at, e);
    }
    e.sums.add(stage, x);
    if (mj) e.mj = addFixed(e.mj ?? FIXED_ZERO, mj, 1);
    // The totals inventoryOf gives: materials by class, electricity in kWh, energy in MJ.
    const t = this.totals;
    if (section === 'materials') {
      if (e.meta.class === 'packaging') t.packagingKg = addFixed(t.packagingKg, x, 1);
      else t.materialKg = addFixed(t.materialKg, x, 1);
    } else if (section === 'energy') {
      if (e.meta.kind === 'electricity' && e.unit === 'kWh') t.electricityKWh = addFixed(t.electricityKWh, x, 1);
      if (mj) t.finalEnergyMJ = addFixed(t.finalEnergyMJ, mj, 1);
    }
  }

  /** A row group's amount changed by diff (exact) at a stage. */
  rows(shares: readonly PreparedShare[], stage: Stage, diff: Fixed): void {
    for (const s of shares) {
      if (s.perUnit === 'componentMass') continue;
      this.add(s.share.section, s.id, s.share.meta, s.share.unit, stage, timesFixed(diff, s.perUnit), s.mjPerUnit ? timesFixed(diff, s.mjPerUnit) : undefined);
    }
  }

  /**
   * A component's own contributions, added (sign 1) or taken away (−1) with its rows: its material
   * counted per item (by its mass) and its mass sent to each end-of-life route, as inventoryOf counts them.
   */
  component(instance: ComponentInstance, ownRows: readonly InventoryRow[], flows: FlowIndex | undefined, sign: 1 | -1): void {
    if (instance.unitMassKg <= 0) return;
    const mass: Decimal = dec(instance.unitMassKg).times(dec(instance.quantity));
    const signed = (x: Decimal) => {
      const f = fixedOfDecimal(x);
      return sign < 0 ? { m: -f.m, e: f.e } : f;
    };
    for (const row of ownRows) {
      if (row.kind !== 'material') continue;
      for (const s of sharesOf(row, flows)) {
        if (s.perUnit === 'componentMass') this.add(s.share.section, s.id, s.share.meta, s.share.unit, row.stage, signed(mass));
      }
    }
    if (!instance.material) return;
    let routed = dec(0);
    for (const r of instance.endOfLife ?? []) {
      routed = routed.plus(dec(r.share));
      this.add('endOfLife', `endOfLife|${r.route}|${r.factor ? 1 : 0}`, () => ({ route: r.route, withFactor: Boolean(r.factor) }), 'kg', 'endOfLife', signed(mass.times(dec(r.share))));
    }
    const rest = dec(1).minus(routed);
    if (rest.gt(0)) this.add('endOfLife', 'endOfLife|unspecified|0', () => ({ route: 'unspecified', withFactor: false }), 'kg', 'endOfLife', signed(mass.times(rest)));
  }

  finish(): InventorySums {
    if (!this.fresh.size) return this.base;
    const entries = this.base.entries.slice();
    const sections: EntrySums['section'][] = [];
    for (const [at, e] of this.fresh) {
      entries[at] = { section: e.section, meta: e.meta, unit: e.unit, sums: e.sums, mj: e.mj, shown: undefined };
      if (!sections.includes(e.section)) sections.push(e.section);
    }
    const index = this.index ?? this.base.index;
    const from = shownInventories.get(this.base);
    return from ? { index, entries, totals: this.totals, edit: { from, sections, totals: this.base.totals } } : { index, entries, totals: this.totals };
  }
}

/** A model's inventories as `calculate()` shows them, less each entry's `byComponent` and `lines`. */
export interface ModelInventory {
  materials: Omit<MaterialEntry, 'byComponent' | 'lines'>[];
  endOfLife: Omit<EndOfLifeEntry, 'byComponent' | 'lines'>[];
  energy: Omit<EnergyEntry, 'byComponent' | 'lines'>[];
  emissions: Omit<EmissionEntry, 'byComponent' | 'lines'>[];
  totals: { materialKg: number; packagingKg: number; electricityKWh: number; finalEnergyMJ: number };
}

type Shown = { section: EntrySums['section']; fields: Record<string, unknown>; amount: number; zero: boolean };

/**
 * An entry's fields with every key it will have, made once per entry (its meta is kept across edits):
 * each shown entry is this with its figures overwritten. A spread that only overwrites keys copies the
 * object's shape; one that adds keys builds it key by key, ~50 times slower.
 */
const templates = new WeakMap<object, Record<string, unknown>>();
function templateOf(e: EntrySums): Record<string, unknown> {
  let t = templates.get(e.meta);
  if (!t) {
    t = { ...e.meta, amount: 0, unit: e.unit, byStage: undefined };
    if (e.mj) t.finalMJ = 0;
    templates.set(e.meta, t);
  }
  return t;
}

/** An entry as shown, made once per entry sums (an edit replaces only the entries it reaches). */
function shown(e: EntrySums): Shown {
  if (!e.shown) {
    const byStage: Record<string, number> = {};
    let listed = false;
    for (const stage of STAGES) {
      if (e.sums.isZero(stage)) continue;
      byStage[stage] = e.sums.stageNumber(stage);
      listed = true;
    }
    const amount = e.sums.totalNumber();
    const fields = e.mj ? { ...templateOf(e), amount, byStage, finalMJ: numberOfFixed(e.mj) } : { ...templateOf(e), amount, byStage };
    e.shown = { section: e.section, fields, amount, zero: e.sums.total.m === 0n && !listed };
  }
  return e.shown;
}

const shownInventories = new WeakMap<InventorySums, ModelInventory>();

type Section = keyof Omit<ModelInventory, 'totals'>;
const SECTIONS: Record<EntrySums['section'], Section> = { materials: 'materials', endOfLife: 'endOfLife', energy: 'energy', emissions: 'emissions' };
const SECTION_LIST = Object.keys(SECTIONS) as EntrySums['section'][];

/** inventoryOf's order within each section. */
const ORDER: { [S in Section]: (a: ModelInventory[S][number], b: ModelInventory[S][number]) => number } = {
  materials: (a, b) => b.amount - a.amount || a.factor.localeCompare(b.factor),
  endOfLife: (a, b) => b.amount - a.amount || a.route.localeCompare(b.route),
  energy: (a, b) => (b.finalMJ ?? 0) - (a.finalMJ ?? 0) || a.factor.localeCompare(b.factor),
  emissions: (a, b) => a.substance.localeCompare(b.substance) || (a.origin ?? '').localeCompare(b.origin ?? ''),
};

/**
 * The inventories, in inventoryOf's order; entries whose rows were all taken away (nothing left) are
 * left out. Kept by difference: after an edit whose starting view was made, only the sections it
 * changed are listed and sorted again.
 */
export function inventoryView(sums: InventorySums): ModelInventory {
  const cached = shownInventories.get(sums);
  if (cached) return cached;
  const t = sums.totals;
  const edit = sums.edit;
  // Sections and totals an edit did not change (the same objects) are shown as before.
  const totals = edit
    ? {
      materialKg: t.materialKg === edit.totals.materialKg ? edit.from.totals.materialKg : numberOfFixed(t.materialKg),
      packagingKg: t.packagingKg === edit.totals.packagingKg ? edit.from.totals.packagingKg : numberOfFixed(t.packagingKg),
      electricityKWh: t.electricityKWh === edit.totals.electricityKWh ? edit.from.totals.electricityKWh : numberOfFixed(t.electricityKWh),
      finalEnergyMJ: t.finalEnergyMJ === edit.totals.finalEnergyMJ ? edit.from.totals.finalEnergyMJ : numberOfFixed(t.finalEnergyMJ),
    }
    : { materialKg: numberOfFixed(t.materialKg), packagingKg: numberOfFixed(t.packagingKg), electricityKWh: numberOfFixed(t.electricityKWh), finalEnergyMJ: numberOfFixed(t.finalEnergyMJ) };
  const out: ModelInventory = edit
    ? { materials: edit.from.materials, endOfLife: edit.from.endOfLife, energy: edit.from.energy, emissions: edit.from.emissions, totals }
    : { materials: [], endOfLife: [], energy: [], emissions: [], totals };
  const again = edit ? edit.sections : SECTION_LIST;
  for (const section of again) out[SECTIONS[section]] = [];
  for (const e of sums.entries) {
    if (edit && !again.includes(e.section)) continue;
    const s = shown(e);
    if (!s.zero) (out[SECTIONS[s.section]] as unknown[]).push(s.fields);
  }
  for (const section of again) (out[SECTIONS[section]] as unknown[]).sort(ORDER[SECTIONS[section]] as (a: unknown, b: unknown) => number);
  shownInventories.set(sums, out);
  return out;
}

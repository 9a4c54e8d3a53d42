/**
 * @module model/variant — a designer's variant changes as scenario overrides (packages/schema
 * scenario.ts), edited immutably: per part (mass, material, recycled content, end of life) and per
 * inventory line (factor: transport mode or energy source; amount: distance, use intensity, lifetime).
 */
import type { Component, ComponentOverride, InventoryLine, LineOverride, Product, Scenario } from '@greenlca/schema';

/** A line's reference in a scenario: its `id`, or its JSON pointer. */
export function lineRef(line: InventoryLine, index: number): string {
  return line.id ?? `/inventory/${index}`;
}

/** The line a reference names (by id or pointer), with its index. */
export function lineOf(product: Product, ref: string): { line: InventoryLine; index: number } | undefined {
  const inventory = product.inventory ?? [];
  const m = /^\/inventory\/(\d+)$/.exec(ref);
  const index = m ? Number(m[1]) : inventory.findIndex((l) => l.id === ref);
  const line = inventory[index];
  return line ? { line, index } : undefined;
}

/** Every part with its id path ("body/screw"), depth first. */
export function partsOf(components: readonly Component[] | undefined, prefix = ''): { path: string; component: Component }[] {
  const out: { path: string; component: Component }[] = [];
  for (const c of components ?? []) {
    const path = prefix ? `${prefix}/${c.id}` : c.id;
    out.push({ path, component: c }, ...partsOf(c.children, path));
  }
  return out;
}

/** The part an id path names. */
export function partOf(product: Product, path: string): Component | undefined {
  return partsOf(product.components).find((p) => p.path === path)?.component;
}

/** Drop the keys whose value is undefined (a control set back to "as now"). */
function compact<T extends object>(o: T): T {
  const out = { ...o };
  for (const key of Object.keys(out) as (keyof T)[]) if (out[key] === undefined) delete out[key];
  return out;
}

function withOverrides(s: Scenario, overrides: Scenario['overrides']): Scenario {
  return { ...s, overrides: compact(overrides) };
}

/** Change (or with `undefined` fields, reset) what a variant does to a part; an empty change stays listed. */
export function setPartChange(s: Scenario, path: string, patch: Partial<ComponentOverride>): Scenario {
  const components = { ...(s.overrides.components ?? {}) };
  components[path] = compact({ ...(components[path] ?? {}), ...patch });
  return withOverrides(s, { ...s.overrides, components });
}

export function removePartChange(s: Scenario, path: string): Scenario {
  const { [path]: _gone, ...rest } = s.overrides.components ?? {};
  return withOverrides(s, { ...s.overrides, components: Object.keys(rest).length ? rest : undefined });
}

/** Change (or reset fields of) what a variant does to an inventory line. */
export function setLineChange(s: Scenario, ref: string, patch: Partial<LineOverride>): Scenario {
  const lines = { ...(s.overrides.lines ?? {}) };
  lines[ref] = compact({ ...(lines[ref] ?? {}), ...patch });
  return withOverrides(s, { ...s.overrides, lines });
}

export function removeLineChange(s: Scenario, ref: string): Scenario {
  const { [ref]: _gone, ...rest } = s.overrides.lines ?? {};
  return withOverrides(s, { ...s.overrides, lines: Object.keys(rest).length ? rest : undefined });
}

/** A scale as a change in percent (0.8 → −20) and back; undefined is "as now". */
export function percentChange(scale: number | undefined): number {
  return scale === undefined ? 0 : Math.round((scale - 1) * 1e6) / 1e4;
}

export function scaleOf(percent: number): number | undefined {
  return percent === 0 ? undefined : Math.round((1 + percent / 100) * 1e6) / 1e6;
}

/** A fresh scenario id: variant-1, variant-2 … */
export function freshVariantId(scenarios: readonly Scenario[]): string {
  const taken = new Set(scenarios.map((s) => s.id));
  for (let n = scenarios.length + 1; ; n++) if (!taken.has(`variant-${n}`)) return `variant-${n}`;
}

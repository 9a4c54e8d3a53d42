/**
 * Random product edits for comparing the what-if model with a full recalculation (shared by the
 * impact and inventory tests): each keeps the product valid and copies only along the edited path.
 */
import { bundledFactorDatasets } from '@greenlca/datasets';
import type { InventoryLine, Product } from '@greenlca/schema';

export const uslci = bundledFactorDatasets.find((d) => d.id.startsWith('uslci'))!;
export const kgWithFlows = uslci.factors.filter((f) => f.flows && f.unit === 'kg').map((f) => `${uslci.id}/${f.id}`);

/** Edit kind k (0–6: the kinds the impact test draws; 7–9 reach components and their end of life). */
export function edit(p: Product, next: () => number, k: number): Product {
  const lines = p.inventory ?? [];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const setLine = (i: number, line: InventoryLine) => {
    const inventory = lines.slice();
    inventory[i] = line;
    return { ...p, inventory };
  };
  switch (k) {
    case 0: { // a new amount in a line's own unit
      const i = Math.floor(next() * lines.length);
      const line = lines[i]!;
      const unit = typeof line.amount === 'object' && line.amount !== null && 'unit' in line.amount ? line.amount.unit : undefined;
      return unit ? setLine(i, { ...line, amount: { value: Math.round(next() * 1e4) / 100, unit } }) : setLine(i, { ...line, amount: `(${JSON.stringify(line.amount).replace(/"/g, '')}) * ${(1 + Math.floor(next() * 9)) / 4}` });
    }
    case 1: // a line made from a material with a full USLCI inventory
      return { ...p, inventory: [...lines, { stage: pick(['manufacture', 'packaging', 'use'] as const), factor: pick(kgWithFlows), amount: `${Math.round(next() * 900) / 100 + 0.01} kg` }] };
    case 2: // a direct emission of a non-greenhouse flow
      return { ...p, inventory: [...lines, { stage: 'use', substance: 'air/unspecified/sulfur-dioxide', amount: `${Math.round(next() * 100) / 1000 + 0.001} kg` }] };
    case 3: { // a component's mass
      const components = (p.components ?? []).slice();
      if (!components.length) return p;
      const i = Math.floor(next() * components.length);
      components[i] = { ...components[i]!, mass: `${Math.round(next() * 900) + 10} g` };
      return { ...p, components };
    }
    case 4: // a parameter every use line depends on
      return p.parameters?.lifetimeYears !== undefined ? { ...p, parameters: { ...p.parameters, lifetimeYears: 3 + Math.floor(next() * 8) } } : p;
    case 5: { // a line removed
      if (lines.length < 2) return p;
      const i = Math.floor(next() * lines.length);
      return { ...p, inventory: [...lines.slice(0, i), ...lines.slice(i + 1)] };
    }
    case 6: // another GWP set (climate change proxies follow it)
      return { ...p, gwp: pick(['AR5', 'AR6'] as const) };
    case 7: { // a component's quantity (its subtree recompiled: materials and end-of-life masses follow)
      const components = (p.components ?? []).slice();
      if (!components.length) return p;
      const i = Math.floor(next() * components.length);
      components[i] = { ...components[i]!, quantity: 1 + Math.floor(next() * 4) };
      return { ...p, components };
    }
    case 8: { // a component's end-of-life shares, with part of the mass left unrouted
      const components = (p.components ?? []).slice();
      const i = components.findIndex((c) => (c.endOfLife ?? []).length > 0);
      if (i < 0) return p;
      const share = Math.round(next() * 100) / 100;
      components[i] = { ...components[i]!, endOfLife: [{ ...components[i]!.endOfLife![0]!, share }] };
      return { ...p, components };
    }
    default: { // a component removed
      const components = (p.components ?? []).slice();
      if (components.length < 2) return p;
      components.splice(Math.floor(next() * components.length), 1);
      return { ...p, components };
    }
  }
}


import type { GhgInventory } from '../request.js';
import { round } from '../units.js';

/**
 * @module The factory's greenhouse-gas inventory (GB/T 32150 / ISO 14064-1 organisational accounting),
 * summed by scope: each line is activity × its cited factor. The 温室气体排放 items of GB/T 36132 read it.
 *
 *   kgCO2e_line = amount × kgCO2ePerUnit;   scope s total = Σ lines of scope s;   total = scope 1 + scope 2
 */

export interface GhgInventorySummary {
  period: string;
  standard: string;
  scope1KgCO2e: number;
  scope2KgCO2e: number;
  totalKgCO2e: number;
  lines: number;
  verification?: string;
  evidence?: string;
}

export function summariseInventory(inv: GhgInventory): GhgInventorySummary {
  let scope1 = 0;
  let scope2 = 0;
  for (const l of inv.lines) {
    const kg = l.amount * l.factor.kgCO2ePerUnit;
    if (l.scope === 1) scope1 += kg;
    else scope2 += kg;
  }
  const out: GhgInventorySummary = {
    period: inv.period, standard: inv.standard,
    scope1KgCO2e: round(scope1), scope2KgCO2e: round(scope2), totalKgCO2e: round(scope1 + scope2), lines: inv.lines.length,
  };
  if (inv.verification) out.verification = inv.verification;
  if (inv.evidence) out.evidence = inv.evidence;
  return out;
}

import type { PrimaryData, PrimaryDataKind } from '@greenlca/schema';
import { num, ZERO } from '../decimal.js';
import type { InventoryRow } from '../inventory/line.js';
import type { LineTotal } from './aggregate.js';

/**
 * What primary data a row rests on, if any (README, "Primary data"): a direct emission of the product
 * system; a custom factor marked with its supplier; another custom factor the product declares
 * (measured, an EPD). A foreground process is solved from bundled factors, so it is secondary, as
 * are bundled factors.
 */
export function primaryKind(row: InventoryRow): PrimaryDataKind | undefined {
  if (row.kind === 'emission' || row.substance !== undefined) return 'direct';
  if (!row.factor.isCustom || row.factor.upstream) return undefined;
  return row.factor.supplier ? 'supplier' : 'custom';
}

/** Whether a validity end (ISO 8601 date or date-time) is before the day judged on (YYYY-MM-DD). */
export function expiredOn(validUntil: string, validOn: string): boolean {
  const end = Date.parse(validUntil);
  return Number.isFinite(end) && end < Date.parse(`${validOn.slice(0, 10)}T00:00:00Z`);
}

/**
 * The lines on primary data and their share of the climate result: Σ|kg CO2e| of those lines over
 * Σ|kg CO2e| of all lines (absolute values, so credits neither hide nor inflate it), exactly in
 * decimals. `validOn` (YYYY-MM-DD) marks factors whose validity has ended.
 */
export function primaryDataOf(lines: LineTotal[], validOn: string | undefined): PrimaryData {
  let gross = ZERO;
  let primary = ZERO;
  let supplier = ZERO;
  let signed = ZERO;
  const out: PrimaryData['lines'] = [];
  // Most products rest on no primary data: then both shares are 0 whatever the gross, which is not summed.
  if (!lines.some(({ row }) => primaryKind(row) !== undefined)) return { share: 0, supplierShare: 0, kgCO2e: 0, lines: out };
  lines.forEach(({ row, kgCO2e }, index) => {
    gross = gross.plus(kgCO2e.abs());
    const kind = primaryKind(row);
    if (!kind) return;
    primary = primary.plus(kgCO2e.abs());
    signed = signed.plus(kgCO2e);
    if (kind === 'supplier') supplier = supplier.plus(kgCO2e.abs());
    const line: PrimaryData['lines'][number] = { line: index, path: row.path, stage: row.stage, label: row.label, kind, kgCO2e: num(kgCO2e) };
    if (kind !== 'direct') line.factor = row.factor.id;
    if (row.factor.supplier) line.supplier = row.factor.supplier;
    if (row.factor.validUntil) {
      line.validUntil = row.factor.validUntil;
      if (validOn !== undefined) line.expired = expiredOn(row.factor.validUntil, validOn);
    }
    out.push(line);
  });
  const share = (part: typeof ZERO) => (gross.isZero() ? 0 : num(part.div(gross)));
  return { share: share(primary), supplierShare: share(supplier), kgCO2e: num(signed), lines: out };
}

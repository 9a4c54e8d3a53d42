import type { PrimaryData, PrimaryDataKind } from '@greenlca/schema';
import type { Block, Lang } from '../document.js';
import { formatDate, formatKg, formatPercent } from '../format.js';
import type { Bi } from '../i18n.js';

const KIND: Record<PrimaryDataKind, Bi> = {
  supplier: { zh: '供应商特定数据', en: 'supplier-specific' },
  custom: { zh: '自定义因子', en: 'custom factor' },
  direct: { zh: '直接排放', en: 'direct emission' },
};

/**
 * The CFP report's primary-data blocks (ISO 14067 asks for the share of primary data): the share of
 * the climate result on primary data, the part from suppliers, and each line on primary data with
 * its supplier and validity, read from the engine's `primaryData` (one definition). Results stored
 * before it existed get none.
 */
export function primaryDataBlocks(pd: PrimaryData | undefined, lines: readonly { kgCO2e: number }[], lang: Lang): Block[] {
  if (!pd) return [];
  const L = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  if (!pd.lines.length) {
    return [{ type: 'paragraph', text: L('没有清单行使用初级数据：碳足迹全部基于二手数据。', 'No line rests on primary data: the footprint rests on secondary data only.') }];
  }
  const gross = lines.reduce((s, l) => s + Math.abs(l.kgCO2e), 0);
  const expired = pd.lines.filter((l) => l.expired);
  return [
    {
      type: 'paragraph',
      text: L(
        `按气候变化结果计，初级数据占比 ${formatPercent(pd.share)}，其中供应商特定数据（供应商提供的产品碳足迹，如 PACT）占 ${formatPercent(pd.supplierShare)}（各清单行 |kg CO2e| 之和的占比）。`,
        `By climate result, ${formatPercent(pd.share)} of the footprint rests on primary data, ${formatPercent(pd.supplierShare)} on supplier-specific data (footprints suppliers published, e.g. over PACT), as shares of the sum of the lines' |kg CO2e|.`,
      ),
    },
    {
      type: 'table', id: 'primary-data', caption: L('使用初级数据的清单行', 'Lines on primary data'),
      columns: [
        { label: L('清单项', 'Line'), width: 2.2 }, { label: L('数据类型', 'Data type'), width: 1.3 }, { label: L('供应商', 'Supplier'), width: 1.6 },
        { label: 'kg CO2e', align: 'right', width: 1 }, { label: L('占比', 'Share'), align: 'right', width: 0.8 }, { label: L('有效期至', 'Valid until'), width: 1.2 },
      ],
      rows: pd.lines.map((l) => [
        l.label, KIND[l.kind][lang], l.supplier ?? '—', formatKg(l.kgCO2e), gross ? formatPercent(Math.abs(l.kgCO2e) / gross) : '—',
        l.validUntil ? `${formatDate(l.validUntil, lang)}${l.expired ? L('（已过期）', ' (expired)') : ''}` : '—',
      ]),
      tones: pd.lines.map((l) => (l.expired ? 'warn' : 'neutral')),
    },
    ...(expired.length ? [{
      type: 'notice' as const, level: 'warning' as const,
      text: L(`${expired.length} 个供应商数据已超过有效期（FACTOR_EXPIRED），应向供应商索取现行数据。`,
        `${expired.length} supplier ${expired.length > 1 ? 'values are' : 'value is'} past ${expired.length > 1 ? 'their' : 'its'} validity (FACTOR_EXPIRED): ask the supplier for current data.`),
    }] : []),
  ];
}

import type { FactorySubject } from '../request.js';
import type { FactoryLink } from '../spec/schema.js';
import { formatQuantity } from '../units.js';
import { text, type Text } from '../vocabulary.js';
import { summariseInventory } from './inventory.js';

/**
 * @module A factory item's value from the factory's own data (`link` in the specification): its
 * products' evaluations and footprints, its greenhouse-gas inventory. Used when the request declares
 * no value for the item; the evidence is the list of what it rests on, one entry per product or the
 * inventory, so the report shows each item's evidence.
 */

export interface Linked {
  value: boolean | null;
  evidence: string[];
  /** Why there is no value (no products, no inventory). */
  reason?: Text;
  /** What the value rests on, in words, for the report. */
  basis: Text;
}

const LINK_BASIS: Record<FactoryLink, Text> = {
  productEvaluations: text('由工厂产品的生态设计评价得出', 'from the eco-design evaluations of the factory\'s products'),
  productEvaluationsPass: text('由工厂产品的生态设计评价结论得出', 'from the verdicts of the factory\'s products\' eco-design evaluations'),
  productFootprints: text('由工厂产品的碳足迹得出', 'from the carbon footprints of the factory\'s products'),
  ghgInventory: text('由工厂温室气体清单得出', 'from the factory\'s greenhouse-gas inventory'),
  ghgInventoryVerified: text('由工厂温室气体清单的核查声明得出', 'from the verification statement of the factory\'s greenhouse-gas inventory'),
};

export function linkedValue(link: FactoryLink, subject: FactorySubject | undefined): Linked {
  const basis = LINK_BASIS[link];
  if (link === 'ghgInventory' || link === 'ghgInventoryVerified') {
    const inv = subject?.ghgInventory;
    if (!inv) return { value: null, evidence: [], basis, reason: text('未提供工厂温室气体清单（factory.ghgInventory）', 'no factory greenhouse-gas inventory given (factory.ghgInventory)') };
    const s = summariseInventory(inv);
    const total = formatQuantity(s.totalKgCO2e, 'kgCO2e');
    const summary = `${inv.standard}, ${inv.period}: ${total}${inv.evidence ? `, ${inv.evidence}` : ''}`;
    if (link === 'ghgInventory') return { value: true, evidence: [summary], basis };
    return inv.verification ? { value: true, evidence: [inv.verification], basis } : { value: false, evidence: [summary], basis };
  }
  const products = subject?.products ?? [];
  if (!products.length) return { value: null, evidence: [], basis, reason: text('未列出工厂的产品（factory.products）', 'the factory\'s products are not listed (factory.products)') };
  if (link === 'productFootprints') {
    const evidence = products.filter((p) => p.footprint).map((p) => `${p.name}: ${formatQuantity(p.footprint!.kgCO2e, 'kgCO2e')} / ${p.footprint!.per}${p.footprint!.standard ? ` (${p.footprint!.standard})` : ''}${p.footprint!.reference ? `, ${p.footprint!.reference}` : ''}`);
    return { value: products.every((p) => p.footprint), evidence, basis };
  }
  const evaluated = products.filter((p) => p.evaluation);
  const evidence = evaluated.map((p) => `${p.name}: ${p.evaluation!.spec} ${p.evaluation!.verdict}${p.evaluation!.reference ? `, ${p.evaluation!.reference}` : ''}`);
  if (link === 'productEvaluations') return { value: evaluated.length === products.length, evidence, basis };
  // Met when every product is evaluated and passes; an incomplete evaluation leaves the item open, not met.
  if (evaluated.length < products.length || evaluated.some((p) => p.evaluation!.verdict === 'fail')) return { value: false, evidence, basis };
  if (evaluated.some((p) => p.evaluation!.verdict === 'incomplete')) {
    return { value: null, evidence, basis, reason: text('有产品的生态设计评价尚不完整', 'an eco-design evaluation of a product is incomplete') };
  }
  return { value: true, evidence, basis };
}

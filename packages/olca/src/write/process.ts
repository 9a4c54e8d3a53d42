/**
 * @module process — a process entity under construction: exchanges get `internalId`s 1, 2, 3 … in the
 * order they are added (`lastInternalId` is the last), so a product system can name the exchange a
 * link feeds (`ProcessLink.exchange`).
 */
import { ref, propertyRef, unitRef, type Json } from './entities.js';
import type { OlcaQuantity } from './quantity.js';

export interface ProcessHead {
  id: string;
  name: string;
  category: string;
  processType: 'UNIT_PROCESS' | 'LCI_RESULT';
  description?: string;
  documentation?: Json;
}

export interface ExchangeSpec {
  flowId: string;
  flowName: string;
  flowType: 'PRODUCT_FLOW' | 'ELEMENTARY_FLOW';
  quantity: OlcaQuantity;
  /** In `quantity.unit`. */
  amount: number;
  isInput: boolean;
  isQuantitativeReference?: boolean;
  defaultProvider?: { id: string; name: string };
  description?: string;
}

export class ProcessBuilder {
  private readonly exchanges: Json[] = [];

  constructor(readonly head: ProcessHead) {}

  get id(): string {
    return this.head.id;
  }

  /** Add an exchange; returns its `internalId`. */
  add(e: ExchangeSpec): number {
    const internalId = this.exchanges.length + 1;
    this.exchanges.push({
      '@type': 'Exchange', internalId, amount: e.amount, isInput: e.isInput, isAvoidedProduct: false,
      isQuantitativeReference: e.isQuantitativeReference === true,
      flow: ref('Flow', e.flowId, e.flowName, { flowType: e.flowType }),
      unit: unitRef(e.quantity), flowProperty: propertyRef(e.quantity),
      ...(e.defaultProvider ? { defaultProvider: ref('Process', e.defaultProvider.id, e.defaultProvider.name) } : {}),
      ...(e.description ? { description: e.description } : {}),
    });
    return internalId;
  }

  entity(): Json {
    const h = this.head;
    return {
      '@type': 'Process', '@id': h.id, name: h.name, ...(h.description ? { description: h.description } : {}), category: h.category,
      processType: h.processType, defaultAllocationMethod: 'NO_ALLOCATION', lastInternalId: this.exchanges.length,
      exchanges: this.exchanges, ...(h.documentation ? { processDocumentation: h.documentation } : {}),
    };
  }
}

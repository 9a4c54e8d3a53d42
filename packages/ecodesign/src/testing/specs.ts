import type { FactorySpecification, ProductSpecification } from '../spec/schema.js';

/**
 * Test specifications with made-up benchmarks, weights and pass marks (provenance "example"): they
 * exercise the framework and are never shipped.
 */
const ex = { status: 'example' as const, sources: ['TEST'] };

export function exampleProductSpec(): ProductSpecification {
  return {
    schemaVersion: 1, id: 'example-product', kind: 'product', family: 'green-design',
    title: { zh: '示例规范', en: 'Example specification' },
    standard: { number: 'T/EXAMPLE 1-2024', year: 2024, title: { zh: '示例', en: 'Example' }, provenance: ex },
    status: 'complete',
    references: { TEST: { title: 'Made-up values for tests' } },
    provenance: ex,
    requirements: [
      { id: 'ems', name: { zh: '环境管理体系', en: 'Environmental management system' }, clause: '4.1.1', provenance: ex },
      { id: 'no-accident', name: { zh: '近三年无重大事故', en: 'No major accident in 3 years' }, clause: '4.1.2', provenance: ex },
    ],
    requirementsTable: { isComplete: true, clause: '4.1' },
    indicators: [
      {
        id: 'recyclability', attribute: 'resource', name: { zh: '可再利用率', en: 'Recyclability rate' }, unit: '%', comparator: '>=', benchmark: 60,
        basis: { zh: '提供计算报告', en: 'calculation report' }, stage: 'endOfLife', source: 'computed', method: { compute: 'recyclabilityRate' }, clause: '4.2', provenance: ex,
      },
      {
        id: 'hazardous', attribute: 'environment', name: { zh: '有害物质限量', en: 'Restricted substances' }, unit: '', comparator: 'conforms',
        benchmark: { zh: '符合 GB/T 26572', en: 'meets GB/T 26572' }, basis: null, stage: 'production', source: 'computed',
        method: { compute: 'restrictedSubstances' }, clause: '4.2', provenance: ex,
      },
      {
        id: 'energy', attribute: 'energy', name: { zh: '单位产品生产能耗', en: 'Production energy' }, unit: 'kWh', comparator: '<=', benchmark: 25,
        basis: null, stage: 'production', source: 'computed', method: { compute: 'energyPerUnit', parameters: { stages: ['manufacture'] } }, clause: '4.2', provenance: ex,
      },
      {
        id: 'noise', attribute: 'product', name: { zh: '噪声', en: 'Noise' }, unit: 'dB(A)', comparator: '<=', benchmark: 50,
        basis: { zh: '提供检测报告', en: 'test report' }, stage: 'use', source: 'declared', clause: '4.2', provenance: ex,
      },
    ],
    indicatorsTable: { isComplete: true, clause: '4.2' },
    lcaReport: { isRequired: true, clause: '5', provenance: ex },
    verdictRule: { text: { zh: '全部满足', en: 'All met' }, clause: '6', provenance: ex },
  };
}

export function exampleFactorySpec(): FactorySpecification {
  const item = (id: string, over: Partial<FactorySpecification['dimensions'][number]['items'][number]>) => ({
    id, name: { zh: id, en: id }, kind: 'quantitative' as const, direction: 'higher' as const, unit: '%',
    benchmark: null, leading: null, weight: 1, weightProvenance: ex, clause: null, provenance: ex, ...over,
  });
  return {
    schemaVersion: 1, id: 'example-factory', kind: 'factory',
    title: { zh: '示例工厂规范', en: 'Example factory specification' },
    standard: { number: 'GB/T EXAMPLE-2025', year: 2025, title: { zh: '示例', en: 'Example' }, provenance: ex },
    status: 'complete', references: { TEST: { title: 'Made-up values for tests' } }, provenance: ex,
    requirements: [{ id: 'permit', name: { zh: '排污许可', en: 'Discharge permit' }, clause: null, provenance: ex }],
    requirementsTable: { isComplete: true, clause: null },
    dimensions: [
      {
        id: 'energy', name: { zh: '能源低碳化', en: 'Low-carbon energy' }, weight: 40, weightProvenance: ex,
        items: [
          // 基准值 10 %, 引领值 30 %: 20 % is halfway.
          item('renewables', { benchmark: 10, leading: 30, weight: 3 }),
          // Lower is better: 基准值 100, 引领值 60.
          item('intensity', { direction: 'lower', unit: 'kgce/t', benchmark: 100, leading: 60, weight: 1 }),
        ],
        itemsTable: { isComplete: true, clause: null },
      },
      {
        id: 'products', name: { zh: '产品绿色化', en: 'Green products' }, weight: 60, weightProvenance: ex,
        items: [
          item('green-design', { kind: 'qualitative', direction: undefined, unit: undefined, level: 'required' }),
          item('footprint-share', { benchmark: 0, leading: 50, weight: 1, level: 'optional' }),
        ],
        itemsTable: { isComplete: true, clause: null },
      },
    ],
    scoring: { text: { zh: '线性计分', en: 'linear' }, clause: null, passScore: 60, provenance: ex },
  };
}

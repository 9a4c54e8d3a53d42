import { describe, expect, it } from 'vitest';
import { bundledLimitSets, bundledSpecification, bundledSpecifications } from './bundled.js';
import type { Provenance, Specification } from './schema.js';

/** Every provenance object in a document, with its JSON pointer. */
function provenances(node: unknown, path = ''): { path: string; p: Provenance }[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => provenances(n, `${path}/${i}`));
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) =>
    k === 'provenance' || k === 'weightProvenance' ? [{ path: `${path}/${k}`, p: v as Provenance }] : provenances(v, `${path}/${k}`));
}

describe('bundled specifications', () => {
  const specs = bundledSpecifications();

  it('ships the generic framework, the template, four product skeletons and both green-factory editions, all valid', () => {
    expect(specs.map((s) => s.id)).toEqual([
      'gb-t-32161-2015', 'template', 't-cagp-0001-2016', 't-cagp-0005-2016', 'gb-t-32163.1-2015', 't-ceeia-280-2017',
      'gb-t-36132-2025', 'gb-t-36132-2018',
    ]);
    expect(bundledLimitSets().map((s) => s.id)).toEqual(['gb-t-26572-2011']);
  });

  it('never ships a made-up value: no example provenance, and every benchmark, 引领值 and weight cites a source', () => {
    for (const spec of specs) {
      for (const { path, p } of provenances(spec)) {
        expect(p.status, `${spec.id}${path}`).not.toBe('example');
        if (spec.status !== 'template') expect(p.status, `${spec.id}${path}`).not.toBe('template');
      }
      if (spec.kind === 'product') {
        for (const ind of spec.indicators) if (ind.benchmark !== null) expect(ind.provenance.sources.length, `${spec.id} ${ind.id}`).toBeGreaterThan(0);
      } else {
        for (const d of spec.dimensions) {
          if (d.weight !== null) expect(d.weightProvenance.sources.length).toBeGreaterThan(0);
          for (const it of d.items) {
            if (it.benchmark !== null || it.leading !== null) expect(it.provenance.sources.length).toBeGreaterThan(0);
            if (it.weight !== null) expect(it.weightProvenance!.sources.length).toBeGreaterThan(0);
          }
        }
      }
    }
  });

  it('marks the product benchmark tables as not entered: no product specification claims to be complete', () => {
    for (const spec of specs.filter((s): s is Extract<Specification, { kind: 'product' }> => s.kind === 'product')) {
      expect(spec.indicatorsTable.isComplete, spec.id).toBe(false);
      expect(spec.indicators.every((i) => i.benchmark === null || i.comparator === 'conforms'), spec.id).toBe(true);
    }
  });

  it('encodes the verified clauses of T/CEEIA 280-2017: 5.1–5.5 requirements, verdict rule 4.3, indicators in chapter 6', () => {
    const s = bundledSpecification('t-ceeia-280-2017')!;
    expect(s.kind).toBe('product');
    if (s.kind !== 'product') return;
    expect(s.requirements.map((r) => r.clause)).toEqual(['5.1', '5.2', '5.3', '5.4', '5.5']);
    expect(s.verdictRule.clause).toBe('4.3');
    expect(s.indicatorsTable).toMatchObject({ isComplete: false, clause: '6' });
  });

  it('gives GB/T 36132-2025 the five first-level indicators, weights 30/30/16/16/8 marked second-hand (60 % energy + resource)', () => {
    const s = bundledSpecification('gb-t-36132-2025')!;
    if (s.kind !== 'factory') throw new Error('factory expected');
    expect(s.dimensions.map((d) => d.name.zh)).toEqual(['能源低碳化', '资源高效化', '生产洁净化', '产品绿色化', '用地集约化']);
    expect(s.dimensions.map((d) => d.weight)).toEqual([30, 30, 16, 16, 8]);
    expect(s.dimensions.every((d) => d.weightProvenance.status === 'second-hand')).toBe(true);
    expect(s.dimensions[0]!.items.map((i) => i.weight)).toEqual([8, 8, 8, 6]); // R1 points, summing to the dimension's 30
    // Everything taken from R1 or R2 is second-hand, never verified.
    for (const { path, p } of provenances(s)) {
      if (p.sources.some((x) => x === 'R1' || x === 'R2') && !p.sources.some((x) => x.startsWith('F'))) {
        expect(p.status, path).toBe('second-hand');
      }
    }
    expect(s.scoring.passScore).toBeNull();
  });

  it('keeps GB/T 36132-2018 as the legacy option: six dimensions, [B] weights, 必选/可选 items', () => {
    const s = bundledSpecification('gb-t-36132-2018')!;
    if (s.kind !== 'factory') throw new Error('factory expected');
    expect(s.dimensions.map((d) => d.name.zh)).toEqual(['基础设施', '管理体系', '能源资源投入', '产品', '环境排放', '绩效']);
    expect(s.dimensions.every((d) => d.weightProvenance.status === 'believed')).toBe(true);
    expect(new Set(s.dimensions.flatMap((d) => d.items.map((i) => i.level)))).toEqual(new Set(['required', 'optional', null]));
  });

  it('has every second-level indicator of the 2018 self-evaluation table (issue #15), each with its items', () => {
    const s = bundledSpecification('gb-t-36132-2018')!;
    if (s.kind !== 'factory') throw new Error('factory expected');
    // The 23 named in the self-evaluation table, plus 原料无害化 and 能源低碳化 of the guiding principle: 25 (F2 counts 25).
    expect(s.dimensions.map((d) => [d.name.zh, (d.indicators ?? []).map((i) => i.name.zh)])).toEqual([
      ['基础设施', ['建筑', '计量设备', '照明']],
      ['管理体系', ['管理体系基本要求', '环境管理体系', '能源管理体系', '社会责任']],
      ['能源资源投入', ['能源投入', '资源投入', '采购']],
      ['产品', ['生态设计', '节能', '碳足迹', '有害物质限制使用']],
      ['环境排放', ['污染物处理设备', '大气污染物排放', '水体污染物排放', '固体废物排放', '噪声排放', '温室气体排放']],
      ['绩效', ['用地集约化', '原料无害化', '生产洁净化', '废物资源化', '能源低碳化']],
    ]);
    for (const d of s.dimensions) {
      for (const ind of d.indicators!) expect(d.items.some((i) => i.indicator === ind.id), `${d.id}/${ind.id} has items`).toBe(true);
      // Nothing numeric is invented: no 基准值, 引领值 or item weight in the legacy edition.
      expect(d.items.every((i) => i.benchmark === null && i.leading === null && i.weight === null)).toBe(true);
      expect(d.itemsTable.isComplete).toBe(false);
    }
    // Items not read in a source say so on the item: [B], with the note.
    const believed = s.dimensions.flatMap((d) => d.items).filter((i) => i.provenance.status === 'believed');
    expect(believed.length).toBeGreaterThan(0);
    expect(believed.every((i) => /not verified/.test(i.provenance.note ?? ''))).toBe(true);
    // The five calculated indicators the release notice names stay verified.
    const verified = s.dimensions.flatMap((d) => d.items).filter((i) => i.provenance.status === 'verified').map((i) => i.name.zh);
    expect(verified).toEqual(['容积率', '绿色物料使用率', '单位产品主要污染物产生量', '单位产品主要原材料消耗量', '单位产品综合能耗']);
  });
});

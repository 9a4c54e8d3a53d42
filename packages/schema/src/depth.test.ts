import { describe, expect, it } from 'vitest';
import { nestingIssue } from './depth.js';

/** A component tree `levels` deep: /components/0/children/0/… */
function tree(levels: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  let c: Record<string, unknown> = { id: `c${levels}`, ...extra };
  for (let i = levels - 1; i >= 1; i--) c = { id: `c${i}`, children: [c, 7] };
  return { components: [c] };
}
const at = (levels: number) => '/components/0' + '/children/0'.repeat(levels - 1);

/** Arrays and objects `n` levels deep in all (the root is level 1). */
function nested(n: number): unknown {
  let v: unknown = {};
  for (let i = 1; i < n; i++) v = i % 2 ? [v] : { x: v };
  return v;
}

describe('nestingIssue', () => {
  it('finds components deeper than the limit, and names the first one too deep', () => {
    for (const limit of [1, 2, 3, 7]) {
      expect(nestingIssue(tree(limit), { components: limit })).toBeUndefined();
      const issue = nestingIssue(tree(limit + 1), { components: limit });
      expect(issue?.path).toBe(at(limit + 1));
      expect(issue?.message).toContain(`more than ${limit} levels`);
    }
  });

  it('counts only objects in `children` arrays as a level down: other objects and other arrays start again or keep the level', () => {
    // Deep objects under a component that are not components: no component level added.
    const deepFields = tree(3, { x: { y: { z: [{ w: [{}] }] } } });
    expect(nestingIssue(deepFields, { components: 3 })).toBeUndefined();
    // An array of arrays under `children` keeps the level; its objects are not in a `children` array.
    expect(nestingIssue({ components: [{ children: [[{ children: [{}] }]] }] }, { components: 2 })).toBeUndefined();
    expect(nestingIssue({ components: [{ children: [{ children: [{}] }] }] }, { components: 2 })?.path).toBe('/components/0/children/0/children/0');
    // `children` anywhere counts (a component list under another key), keys with / and ~ are escaped.
    expect(nestingIssue({ 'a/b~': [{ children: [{ children: [{}] }] }] }, { components: 2 })?.path).toBe('/a~1b~0/0/children/0/children/0');
  });

  it('finds arrays and objects deeper than the JSON limit, at the first place', () => {
    for (const limit of [1, 2, 5, 10]) {
      expect(nestingIssue(nested(limit), { json: limit })).toBeUndefined();
      const issue = nestingIssue(nested(limit + 1), { json: limit });
      expect(issue?.message).toContain(`more than ${limit} levels`);
      expect(issue?.path.split('/').length).toBe(limit + 1);
    }
    expect(nestingIssue([1, 'a', null, { b: 2 }], { json: 2 })).toBeUndefined();
    expect(nestingIssue([1, 'a', null, { b: [] }], { json: 2 })?.path).toBe('/3/b');
  });

  it('walks a tree thousands deep without overflowing the stack', () => {
    expect(nestingIssue(nested(50_000))).toBeUndefined();
    expect(nestingIssue(nested(50_000), { json: 1000 })?.message).toContain('more than 1000 levels');
    expect(nestingIssue(tree(5_000), { components: 100 })?.path).toBe(at(101));
  });

  it('has nothing to say about values that are not objects or arrays', () => {
    for (const v of [null, 1, 'x', true, undefined]) expect(nestingIssue(v, { json: 0, components: 0 })).toBeUndefined();
  });
});

/**
 * @module model/left-out — the part of a product that can be calculated while some of it is broken.
 *
 * One rule everywhere (editor total, what-if cells, tornado, Monte Carlo): an inventory line with an
 * input error is left out, and so is a part with one (its material, mass and end of life, with the parts
 * under it); everything else counts. The editor marks each broken line or part where it is and says how
 * many were left out. Parts are emptied in place rather than removed, so the others keep their JSON
 * pointers and a line that names a part still finds it.
 */
import type { InputIssue } from '@greenlca/engine';
import type { Component, Product, Scenario } from '@greenlca/schema';

/** Where a broken item sits: inventory line indices and component pointers ("/components/0/children/1"). */
export interface Broken {
  lines: Set<number>;
  parts: Set<string>;
  /** An issue on the BOM as a whole (e.g. two parts with one id): no part can be singled out. */
  wholeBom: boolean;
}

const LINE = /^\/inventory\/(\d+)(?:\/|$)/;
const PART = /^\/components\/\d+(?:\/children\/\d+)*/;

/** The lines and parts the issues are on. */
export function brokenItems(issues: readonly InputIssue[]): Broken {
  const broken: Broken = { lines: new Set(), parts: new Set(), wholeBom: false };
  for (const issue of issues) {
    const line = LINE.exec(issue.path);
    if (line) {
      broken.lines.add(Number(line[1]));
      continue;
    }
    const part = PART.exec(issue.path);
    if (part) {
      // An issue on a part's id (a duplicate) cannot be mended by emptying it.
      if (issue.path === `${part[0]}/id`) broken.wholeBom = true;
      else broken.parts.add(part[0]);
    } else if (issue.path === '/components' || issue.path.startsWith('/components/')) broken.wholeBom = true;
  }
  return broken;
}

/** The number of lines and parts left out. */
export function leftOutCount(broken: Broken): number {
  return broken.lines.size + broken.parts.size;
}

/** A part kept only as its id and name: it contributes nothing, and lines that name it still find it. */
function emptied(c: Component): Component {
  return c.name === undefined ? { id: c.id } : { id: c.id, name: c.name };
}

/** The BOM with every broken part emptied (the same objects where nothing is broken). */
export function withoutBrokenParts(components: Component[] | undefined, parts: ReadonlySet<string>, at = '/components'): Component[] | undefined {
  if (!components || !parts.size) return components;
  let changed = false;
  const out = components.map((c, i) => {
    const here = `${at}/${i}`;
    if (parts.has(here)) {
      changed = true;
      return emptied(c);
    }
    const children = withoutBrokenParts(c.children, parts, `${here}/children`);
    if (children === c.children) return c;
    changed = true;
    return { ...c, children: children! };
  });
  return changed ? out : components;
}

/** A scenario's line references re-pointed after lines were removed (those on a removed line dropped). */
function repointScenario(scenario: Scenario, newIndex: (i: number) => number | undefined): Scenario {
  const lines = scenario.overrides.lines;
  if (!lines) return scenario;
  const next: NonNullable<Scenario['overrides']['lines']> = {};
  for (const [ref, change] of Object.entries(lines)) {
    const m = /^\/inventory\/(\d+)$/.exec(ref);
    if (!m) {
      next[ref] = change;
      continue;
    }
    const to = newIndex(Number(m[1]));
    if (to !== undefined) next[`/inventory/${to}`] = change;
  }
  return { ...scenario, overrides: { ...scenario.overrides, lines: next } };
}

/**
 * The product with its broken lines removed and its broken parts emptied, for the calculations that
 * need a whole valid product (sensitivity, Monte Carlo). Scenario references to lines by pointer follow
 * the lines that stay.
 */
export function withoutBroken(product: Product, broken: Broken): Product {
  if (!broken.lines.size && !broken.parts.size && !broken.wholeBom) return product;
  const inventory = product.inventory ?? [];
  const kept: number[] = [];
  inventory.forEach((_, i) => {
    if (!broken.lines.has(i)) kept.push(i);
  });
  const position = new Map(kept.map((old, i) => [old, i]));
  const next: Product = {
    ...product,
    inventory: kept.map((i) => inventory[i]!),
    components: broken.wholeBom ? [] : withoutBrokenParts(product.components, broken.parts) ?? [],
  };
  if (product.scenarios && broken.lines.size) next.scenarios = product.scenarios.map((s) => repointScenario(s, (i) => position.get(i)));
  return next;
}

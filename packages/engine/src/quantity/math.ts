import type { MathJsInstance, Unit } from 'mathjs';

/**
 * One private mathjs instance, used for its unit system only: unit names, prefixes and sizes. Amount
 * expressions are parsed and evaluated by our own whitelisted language (language.ts, expression.ts);
 * nothing here evaluates text from outside.
 *
 * Loaded on first use, not at start: the unit texts of everyday data are read from the generated
 * table (unit-text.ts), so most calculations never load mathjs (a third of a CLI run's start-up).
 */
let instance: MathJsInstance | undefined;

export function loadMath(): MathJsInstance {
  if (instance) return instance;
  const math = requireMathjs().create(requireMathjs().all!, { number: 'number' });
  // Counted things: a factor "per item" takes a count ("6 item", or a plain number).
  // Passengers and persons are counted too: a factor per passenger·km is per item·km (USLCI's per-person-km
  // processes are item*km), so "3 passenger * 150 km" is read as it is meant.
  math.createUnit('item', { aliases: ['items', 'pcs', 'piece', 'pieces', 'each', 'unit', 'units', 'passenger', 'passengers', 'person', 'persons'] });
  // Common spellings in inventories that mathjs lacks.
  math.createUnit('yr', { definition: '1 year', aliases: ['yrs'] });
  math.createUnit('tkm', { definition: '1 t*km' });
  math.createUnit('pkm', { definition: '1 item*km' });
  // Unambiguous names for units whose usual names mean different sizes in different countries (see
  // ambiguous-units.ts). Exact by definition: 1 lb = 0.45359237 kg; 1 US gal = 231 in^3; 1 imp gal = 4.54609 L.
  // mathjs names are letters and digits only: "short_ton", "us_gal" … are spelled so in unit.ts.
  math.createUnit('shortton', { definition: '2000 lb', aliases: ['shorttons'] });
  math.createUnit('longton', { definition: '2240 lb', aliases: ['longtons'] });
  math.createUnit('usgal', { definition: '231 in^3' });
  math.createUnit('impgal', { definition: '4.54609 L' });
  return (instance = math);
}

type MathjsModule = typeof import('mathjs');
let mathjsModule: MathjsModule | undefined;

/**
 * mathjs's single-file build (Node loads it ~10× faster than its 1,000-module ESM tree), synchronously:
 * bundlers turn the literal `require` into their own lazily evaluated copy (the CLI bundle); Node's
 * ES modules get a `require` from `module.createRequire`. Browsers have neither: there the unit table
 * alone answers, and a text it leaves to mathjs is an unknown unit.
 */
function requireMathjs(): MathjsModule {
  if (mathjsModule) return mathjsModule;
  // @ts-ignore -- `require` exists in bundles and CommonJS only; the typeof guard keeps ES modules safe.
  if (typeof require === 'function') {
    // @ts-ignore -- see above
    mathjsModule = require('mathjs/lib/browser/math.js') as MathjsModule;
    return mathjsModule;
  }
  const nodeModule = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:module') as
    | { createRequire(from: string): (id: string) => unknown }
    | undefined;
  if (!nodeModule) throw new Error('the full unit system (mathjs) is not available here; use a unit such as kg, kWh, MJ, t*km, m^3, item');
  mathjsModule = nodeModule.createRequire(import.meta.url)('mathjs/lib/browser/math.js') as MathjsModule;
  return mathjsModule;
}

export type { Unit };

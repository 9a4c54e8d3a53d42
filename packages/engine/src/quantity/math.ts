import type { MathJsInstance, Unit } from 'mathjs';
import mathjs from 'mathjs/lib/browser/math.js';

/**
 * One private mathjs instance for units and expressions. Product files come from outside, so the
 * expression language is limited to arithmetic on numbers and units (mathjs "security" guidance:
 * functions that parse, import or define units are disabled inside expressions).
 */
const math: MathJsInstance = mathjs.create(mathjs.all!, { number: 'number' });

// Counted things: a factor "per item" takes a count ("6 item", or a plain number).
math.createUnit('item', { aliases: ['items', 'pcs', 'piece', 'pieces', 'each', 'unit', 'units'] });
// Common spellings in inventories that mathjs lacks.
math.createUnit('yr', { definition: '1 year', aliases: ['yrs'] });
math.createUnit('tkm', { definition: '1 t*km' });

const compileExpression = math.compile.bind(math);
const parseExpression = math.parse.bind(math);
const makeUnit = math.unit.bind(math);
const isUnit = (x: unknown): x is Unit => math.isUnit(x);

const disabled = (name: string) => () => {
  throw new Error(`function ${name} is not allowed in an amount expression`);
};
math.import(
  Object.fromEntries(
    ['import', 'createUnit', 'evaluate', 'parse', 'simplify', 'derivative', 'compile', 'resolve', 'reviver', 'replacer']
      .map((name) => [name, disabled(name)]),
  ),
  { override: true },
);

export { math, compileExpression, parseExpression, makeUnit, isUnit };
export type { Unit };

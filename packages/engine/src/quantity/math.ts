import type { MathJsInstance, Unit } from 'mathjs';
import mathjs from 'mathjs/lib/browser/math.js';

/**
 * One private mathjs instance, used for its unit system only: unit names, prefixes and sizes. Amount
 * expressions are parsed and evaluated by our own whitelisted language (language.ts, expression.ts);
 * nothing here evaluates text from outside.
 */
const math: MathJsInstance = mathjs.create(mathjs.all!, { number: 'number' });

// Counted things: a factor "per item" takes a count ("6 item", or a plain number).
math.createUnit('item', { aliases: ['items', 'pcs', 'piece', 'pieces', 'each', 'unit', 'units'] });
// Common spellings in inventories that mathjs lacks.
math.createUnit('yr', { definition: '1 year', aliases: ['yrs'] });
math.createUnit('tkm', { definition: '1 t*km' });

const makeUnit = math.unit.bind(math);

export { math, makeUnit };
export type { Unit };

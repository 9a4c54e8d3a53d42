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
// Unambiguous names for units whose usual names mean different sizes in different countries (see
// ambiguous-units.ts). Exact by definition: 1 lb = 0.45359237 kg; 1 US gal = 231 in^3; 1 imp gal = 4.54609 L.
// mathjs names are letters and digits only: "short_ton", "us_gal" … are spelled so in unit.ts.
math.createUnit('shortton', { definition: '2000 lb', aliases: ['shorttons'] });
math.createUnit('longton', { definition: '2240 lb', aliases: ['longtons'] });
math.createUnit('usgal', { definition: '231 in^3' });
math.createUnit('impgal', { definition: '4.54609 L' });

const makeUnit = math.unit.bind(math);

export { math, makeUnit };
export type { Unit };

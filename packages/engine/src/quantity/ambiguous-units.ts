
/**
 * Unit names that mean different sizes in different countries. mathjs gives each one meaning (its
 * "ton" is the US short ton, 907.18474 kg; its "gallon" the US gallon), so "1 ton" of steel against a
 * per-tonne factor would silently count 0.907 t. Product files come from everywhere: such a name in an
 * amount or a custom factor's unit is refused (AMBIGUOUS_UNIT) with the unambiguous spellings.
 * Bundled factors keep their publisher's documented unit (EPA Hub "ton" = short ton, "gal" = US gallon).
 */
interface Ambiguity {
  /** What the name can mean. */
  meanings: string;
  /** What to write instead. */
  instead: string;
}

const TON: Ambiguity = {
  meanings: 'a metric tonne (1000 kg), a US short ton (2000 lb, 907.18474 kg) or a UK long ton (2240 lb, 1016.0469088 kg)',
  instead: 'write "t" or "tonne" for 1000 kg, "short_ton" or "long_ton" for the others',
};
const GALLON: Ambiguity = {
  meanings: 'a US gallon (3.785411784 L) or an imperial gallon (4.54609 L)',
  instead: 'write "us_gal" or "imp_gal", or the volume in L or m^3',
};
const US_OR_IMPERIAL = (what: string): Ambiguity => ({
  meanings: `a US or an imperial ${what}, which differ in size`,
  instead: 'write the volume in L, mL or m^3',
});
const HUNDREDWEIGHT: Ambiguity = {
  meanings: 'a US hundredweight (100 lb) or a UK hundredweight (112 lb)',
  instead: 'write the mass in kg or lb',
};
const BARREL: Ambiguity = {
  meanings: 'a US or a UK barrel, which differ in size (mathjs\'s "bbl" is the US beer barrel, not the 42-gallon oil barrel)',
  instead: 'write "oilbarrel" for the 42 US gallon petroleum barrel, or the volume in L or m^3',
};

/** By mathjs unit name (plurals and aliases are separate names there; prefixes are not: "kton" is k + ton). */
const AMBIGUOUS: ReadonlyMap<string, Ambiguity> = new Map([
  ['ton', TON], ['tons', TON],
  ['gal', GALLON], ['gallon', GALLON], ['gallons', GALLON],
  ...['pint', 'pints', 'pt'].map((n) => [n, US_OR_IMPERIAL('pint')] as const),
  ...['quart', 'quarts', 'qt'].map((n) => [n, US_OR_IMPERIAL('quart')] as const),
  ...['cup', 'cups'].map((n) => [n, US_OR_IMPERIAL('cup')] as const),
  ...['gill', 'gills'].map((n) => [n, US_OR_IMPERIAL('gill')] as const),
  ...['fluidounce', 'fluidounces', 'floz'].map((n) => [n, US_OR_IMPERIAL('fluid ounce')] as const),
  ...['fluiddram', 'fluiddrams', 'fldr'].map((n) => [n, US_OR_IMPERIAL('fluid dram')] as const),
  ...['minim', 'minims'].map((n) => [n, US_OR_IMPERIAL('minim')] as const),
  ['cwt', HUNDREDWEIGHT], ['hundredweight', HUNDREDWEIGHT],
  ...['bbl', 'beerbarrel', 'beerbarrels'].map((n) => [n, BARREL] as const),
  ...['hogshead', 'hogsheads'].map((n) => [n, US_OR_IMPERIAL('hogshead')] as const),
]);

export interface AmbiguousUnit {
  /** The name as the unit system read it ("ton", "gallon"). */
  name: string;
  message: string;
  hint: string;
}

/** The first unit name in a parsed unit (its unit names, as mathjs names them) that means different sizes in different countries, if any. */
export function ambiguousUnitIn(names: readonly string[], text: string): AmbiguousUnit | undefined {
  for (const name of names) {
    const found = AMBIGUOUS.get(name);
    if (found) {
      return {
        name,
        message: `"${name}" in "${text}" is ambiguous: it can mean ${found.meanings}`,
        hint: found.instead,
      };
    }
  }
  return undefined;
}

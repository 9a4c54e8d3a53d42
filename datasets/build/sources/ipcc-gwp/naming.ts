/**
 * How the two GWP sources' labels map to one species. Gases without an industrial designation are
 * named by formula (CO2, CH4, …); designated gases by their designation (HFC-134a, PFC-14 …).
 */

/** Gases named by formula. `names` are the spellings both sources use (lower case); `codes` are openclimatedata codes. */
export interface NamedGas {
  id: string;
  en: string;
  zh: string;
  formula: string;
  names: string[];
  /** Extra look-up spellings not in the GWP files (common inventory flow names). */
  extraAliases?: string[];
  /** CAS number where the GWP files give none (identifier only, not a value). */
  cas?: string;
}

export const NAMED_GASES: NamedGas[] = [
  { id: 'CO2', en: 'Carbon dioxide', zh: '二氧化碳', formula: 'CO2', names: ['carbon dioxide'], extraAliases: ['R-744', 'R744'], cas: '124-38-9' },
  { id: 'CH4', en: 'Methane', zh: '甲烷', formula: 'CH4', names: ['methane'], cas: '74-82-8' },
  { id: 'CH4-fossil', en: 'Fossil methane', zh: '化石甲烷', formula: 'CH4', names: ['fossil methane'] },
  { id: 'N2O', en: 'Nitrous oxide', zh: '氧化亚氮', formula: 'N2O', names: ['nitrous oxide'], extraAliases: ['Dinitrogen monoxide', 'Dinitrogen oxide'], cas: '10024-97-2' },
  { id: 'SF6', en: 'Sulphur hexafluoride', zh: '六氟化硫', formula: 'SF6', names: ['sulphur hexafluoride', 'sulfur hexafluoride'] },
  { id: 'NF3', en: 'Nitrogen trifluoride', zh: '三氟化氮', formula: 'NF3', names: ['nitrogen trifluoride'] },
  { id: 'SO2F2', en: 'Sulphuryl fluoride', zh: '硫酰氟', formula: 'SO2F2', names: ['sulphuryl fluoride', 'sulfuryl fluoride'] },
  {
    id: 'SF5CF3', en: 'Trifluoromethyl sulphur pentafluoride', zh: '三氟甲基五氟化硫', formula: 'SF5CF3',
    names: ['trifluoromethyl sulphur pentafluoride', '(trifluoromethyl) sulphur pentafluoride', 'pentafluoro(trifluoromethyl)-lambda6-sulfane'],
  },
  { id: 'CCl4', en: 'Carbon tetrachloride', zh: '四氯化碳', formula: 'CCl4', names: ['carbon tetrachloride', 'tetrachloromethane'] },
  { id: 'CH3CCl3', en: 'Methyl chloroform (1,1,1-trichloroethane)', zh: '甲基氯仿（1,1,1-三氯乙烷）', formula: 'CH3CCl3', names: ['methyl chloroform', '1,1,1-trichloroethane'] },
  { id: 'CH3Br', en: 'Methyl bromide', zh: '溴甲烷', formula: 'CH3Br', names: ['methyl bromide', 'bromomethane'] },
  { id: 'CH3Cl', en: 'Methyl chloride', zh: '氯甲烷', formula: 'CH3Cl', names: ['methyl chloride', 'chloromethane'] },
  { id: 'CH2Cl2', en: 'Methylene chloride (dichloromethane)', zh: '二氯甲烷', formula: 'CH2Cl2', names: ['methylene chloride', 'dichloromethane'] },
  { id: 'CHCl3', en: 'Chloroform (trichloromethane)', zh: '三氯甲烷（氯仿）', formula: 'CHCl3', names: ['chloroform', 'trichloromethane'] },
  { id: 'CH2Br2', en: 'Methylene bromide (dibromomethane)', zh: '二溴甲烷', formula: 'CH2Br2', names: ['methylene bromide', 'dibromomethane'] },
];

/** openclimatedata names perfluorocarbons by formula; these are their designations (checked against the LCIAformatter formulas). */
export const OCD_FORMULA_DESIGNATIONS: Record<string, string> = {
  CF4: 'PFC-14',
  C2F6: 'PFC-116',
  C3F8: 'PFC-218',
  cC4F8: 'PFC-318',
  C4F10: 'PFC-31-10',
  C5F12: 'PFC-41-12',
  C6F14: 'PFC-51-14',
  C7F16: 'PFC-61-16',
  C8F18: 'PFC-71-18',
  C10F18: 'PFC-91-18',
  cC3F6: 'PFC-c216',
};

const DESIGNATION = /^(?:CFC|HCFC|HFC|HFE|HCFE|PFC|HFO|HCFO|Halon|HG'?)[-\s]?[0-9cC]|^PFPMIE$/i;

/**
 * Spellings of one designation that differ beyond dashes and case: the AR4 table's "HFE-449sl"
 * (letter l for digit 1), AR6's "PFC-C-318" for PFC-318 (which is always the cyclic C4F8), and
 * AR5's "(Z)-HFC-1336" for HFO-1336mzz(Z) (same formula, CF3CH=CHCF3(Z)).
 */
const SAME_DESIGNATION: Record<string, string> = {
  hfe449sl: 'hfe449s1',
  pfcc318: 'pfc318',
  'hfo1336(z)': 'hfo1336mzz(z)',
};

/** "(E)-HFC-1234ze" → "HFC-1234ze(E)"; curly apostrophes → straight. */
export function tidyDesignation(raw: string): string {
  const s = raw.trim().replace(/[’‘]/g, "'");
  const stereo = /^\(([EZ])\)-(.+)$/i.exec(s);
  return stereo ? `${stereo[2]}(${stereo[1]!.toUpperCase()})` : s;
}

export function isDesignation(label: string): boolean {
  return DESIGNATION.test(tidyDesignation(label));
}

/**
 * Match key of a designation: lower case without dashes or spaces. Unsaturated HFCs (four-digit
 * numbers from 1000, "HFC-1234yf" in AR5) are the HFOs of AR6.
 */
export function designationKey(raw: string): string {
  let k = tidyDesignation(raw).toLowerCase().replace(/[\s-]/g, '');
  k = k.replace(/^hfc(?=1\d{3})/, 'hfo');
  return `d:${SAME_DESIGNATION[k] ?? k}`;
}

/** Display form: spaces become dashes ("CFC 1112" → "CFC-1112"). */
export function displayDesignation(raw: string): string {
  return tidyDesignation(raw).replace(/\s+/g, '-');
}

/** An openclimatedata code as a designation: "HFC4310mee" → "HFC-4310mee", "Halon1301" → "Halon-1301". */
export function designationFromCode(code: string): string {
  return code.replace(/^(CFC|HCFC|HFC|HFE|HCFE|PFC|Halon|HG)(?=[0-9c])/, '$1-');
}

/**
 * Split an LCIAformatter name into a base and bracketed or slash-separated alternatives:
 * "HFE-43-10pccc124 (H-Galden 1040x, HG-11)" → ["HFE-43-10pccc124", "H-Galden 1040x", "HG-11"].
 * IUPAC names that merely contain brackets are left whole.
 */
export function nameParts(name: string): string[] {
  const slash = name.split(/\s+\/\s+/);
  if (slash.length > 1) return slash.map((s) => s.trim());
  const m = /^([^()]+?)\s*\(([^()]+)\)$/.exec(name);
  if (!m) return [name];
  return [m[1]!.trim(), ...m[2]!.split(',').map((s) => s.trim())];
}

/** Normalised name for matching AR4/AR5 names to AR6 names: letters and digits only, lower case. */
export function nameKey(name: string): string {
  return `n:${name.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
}

const ZH_FAMILY: [RegExp, string][] = [
  [/^HFC-/, '氢氟碳化物'],
  [/^HFO-/, '氢氟烯烃'],
  [/^HCFC-/, '含氢氯氟烃'],
  [/^HCFO-/, '含氢氯氟烯烃'],
  [/^CFC-/, '氯氟烃'],
  [/^PFC-/, '全氟化碳'],
  [/^HFE-/, '氢氟醚'],
  [/^Halon-/, '哈龙'],
];

/** Chinese name of a designated gas: family name + designation (氢氟碳化物 HFC-134a). */
export function zhForDesignation(id: string): string | undefined {
  const family = ZH_FAMILY.find(([re]) => re.test(id))?.[1];
  return family && `${family} ${id}`;
}

/** ASHRAE refrigerant numbers of single-component refrigerants: HFC-134a → R-134a and R134a. */
export function refrigerantAliases(id: string): string[] {
  const m = /^(?:CFC|HCFC|HFC|HFO|HCFO)-(\d+[a-z]*(?:\([EZ]\))?)$/.exec(id);
  return m ? [`R-${m[1]}`, `R${m[1]}`] : [];
}

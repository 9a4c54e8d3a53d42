import type { FactorCategory, FactorOrigin } from '@greenlca/schema';

/**
 * What each kept DESNZ "Level 1" section is, and how its factors are named. Sections not listed
 * here (passenger travel, hotels, homeworking, business travel, EV and SECR kWh rows, managed
 * assets, "Delivery vehicles", refrigerants, outside-of-scopes) are not built.
 */
export interface SectionRule {
  category: FactorCategory;
  /** Id prefix. */
  prefix: string;
  /** Labels that distinguish factors within the section (which of level2/level3/level4/columnText). */
  parts: ('level2' | 'level3' | 'level4' | 'columnText')[];
  boundary: string;
  /** English words for what the factor covers, used in names. */
  label: string;
  /**
   * Sections with a handful of one-off rows get fixed ids and names by DESNZ ID stem instead of ids
   * built from labels ("Electricity: UK" under "UK electricity" would read electricity-electricity-uk).
   */
  fixed?: Record<string, { id: string; en: string; zh: string }>;
  /** Every row of the section has this unit, so the id leaves the unit out. */
  onlyUnit?: string;
  /** Where the section's gases come from, when from biomass (schema FactorOrigin). */
  origin?: FactorOrigin;
}

export const SECTIONS: Record<string, SectionRule> = {
  Fuels: {
    category: 'fuel', prefix: 'fuel', parts: ['level3'], label: 'combustion',
    boundary: 'direct combustion emissions of the fuel (Scope 1); add the WTT factor for upstream emissions',
  },
  Bioenergy: {
    category: 'fuel', prefix: 'bioenergy', parts: ['level3'], label: 'combustion (CH4 and N2O; biogenic CO2 is reported by DESNZ outside of scopes)',
    boundary: 'direct combustion emissions of the bioenergy, excluding biogenic CO2 (Scope 1)',
    // The CO2e total is the CH4 and N2O of burning biomass (DESNZ reports its CO2 outside of scopes).
    origin: 'biogenic-non-CO2',
  },
  'WTT- fuels': {
    category: 'fuel', prefix: 'wtt-fuel', parts: ['level3'], label: 'well-to-tank',
    boundary: 'well-to-tank: upstream emissions of extracting, refining and transporting the fuel (Scope 3)',
  },
  'WTT- bioenergy': {
    category: 'fuel', prefix: 'wtt-bioenergy', parts: ['level3'], label: 'well-to-tank',
    boundary: 'well-to-tank: upstream emissions of producing and transporting the bioenergy (Scope 3)',
  },
  'UK electricity': {
    category: 'electricity', prefix: 'electricity', parts: ['level3'], label: 'generation',
    boundary: 'UK grid electricity generation, location-based (Scope 2); excludes T&D losses and WTT',
    fixed: { '7_400_4000_5': { id: 'electricity-uk', en: 'Electricity, UK grid (generation, location-based)', zh: '电力（英国电网，发电）' } },
  },
  'Transmission and distribution': {
    category: 'electricity', prefix: 'td', parts: ['level2', 'level3'], label: 'transmission and distribution losses',
    boundary: 'emissions of the energy lost in transmission and distribution (Scope 3)',
    fixed: {
      '13_402_4000_5': { id: 'td-electricity-uk', en: 'Electricity, UK: transmission and distribution losses', zh: '电力输配电损耗（英国）' },
      '13_403_4004_5': { id: 'td-district-heat-and-steam', en: 'District heat and steam: distribution losses (5% loss)', zh: '区域供热和蒸汽输配损耗（5%）' },
    },
  },
  'WTT- UK electricity': {
    category: 'electricity', prefix: 'wtt', parts: ['level2', 'level3'], label: 'well-to-tank',
    boundary: 'well-to-tank: upstream emissions of the fuels used to generate UK electricity (Scope 3)',
    fixed: {
      '15_917_4000_5': { id: 'wtt-electricity-uk-generation', en: 'Electricity, UK: well-to-tank of generation', zh: '电力上游排放（英国，发电，井到罐）' },
      '15_918_4000_5': { id: 'wtt-electricity-uk-td', en: 'Electricity, UK: well-to-tank of T&D losses', zh: '电力上游排放（英国，输配电损耗，井到罐）' },
    },
  },
  'Heat and steam': {
    category: 'heat', prefix: 'heat', parts: ['level3'], label: 'heat and steam',
    boundary: 'emissions of generating the heat and steam (Scope 2)',
    fixed: {
      '10_401_4002_5': { id: 'heat-onsite-heat-and-steam', en: 'Heat and steam, onsite', zh: '热力和蒸汽（现场）' },
      '10_401_4003_5': { id: 'heat-district-heat-and-steam', en: 'Heat and steam, district', zh: '区域供热和蒸汽' },
    },
  },
  'WTT- heat and steam': {
    category: 'heat', prefix: 'wtt', parts: ['level2', 'level3'], label: 'well-to-tank',
    boundary: 'well-to-tank: upstream emissions of the fuels used to generate heat and steam (Scope 3)',
    fixed: {
      '16_919_4002_5': { id: 'wtt-heat-onsite-heat-and-steam', en: 'Heat and steam, onsite: well-to-tank', zh: '热力和蒸汽（现场）上游排放（井到罐）' },
      '16_919_4003_5': { id: 'wtt-heat-district-heat-and-steam', en: 'Heat and steam, district: well-to-tank', zh: '区域供热和蒸汽上游排放（井到罐）' },
      '16_920_4004_5': { id: 'wtt-td-district-heat-and-steam', en: 'District heat and steam distribution losses (5% loss): well-to-tank', zh: '区域供热和蒸汽输配损耗上游排放（井到罐）' },
    },
  },
  'Water supply': {
    category: 'water', prefix: 'water', parts: ['level3'], label: 'water supply',
    boundary: 'UK water supply (Scope 3)',
    fixed: { '17_404_4005_1': { id: 'water-supply', en: 'Water supply, UK', zh: '供水（英国）' } },
  },
  'Water treatment': {
    category: 'water', prefix: 'water', parts: ['level3'], label: 'water treatment',
    boundary: 'UK wastewater treatment (Scope 3)',
    fixed: { '18_405_4006_1': { id: 'water-treatment', en: 'Water treatment (wastewater), UK', zh: '污水处理（英国）' } },
  },
  'Material use': {
    category: 'material', prefix: 'material', parts: ['level3', 'columnText'], label: 'material use', onlyUnit: 'tonnes',
    boundary: 'material use as defined by DESNZ for the stated source (primary production, re-used, open-loop or closed-loop recycled source), UK',
  },
  'Waste disposal': {
    category: 'waste', prefix: 'waste', parts: ['level3', 'columnText'], label: 'waste disposal', onlyUnit: 'tonnes',
    boundary: 'waste disposal, cut-off approach: collection and processing only, no avoided-burden credits for recycling or energy recovery',
  },
  'Freighting goods': {
    category: 'freight', prefix: 'freight', parts: ['level2', 'level3', 'level4', 'columnText'], label: 'freight',
    boundary: 'tank-to-wheel (vehicle fuel combustion); add the matching WTT freight factor for well-to-wheel',
  },
  'WTT- delivery vehs & freight': {
    category: 'freight', prefix: 'wtt-freight', parts: ['level2', 'level3', 'level4', 'columnText'], label: 'freight well-to-tank',
    boundary: 'well-to-tank of the vehicle fuel; add to the matching tank-to-wheel freight factor for well-to-wheel',
  },
};

/** DESNZ unit → mathjs unit, id suffix and English "per …" text. */
export const UNITS: Record<string, { unit: string; suffix: string; per: string; perVehicle?: string }> = {
  'kWh (Gross CV)': { unit: 'kWh', suffix: 'kwh-gross-cv', per: 'kWh (gross calorific value)' },
  'kWh (Net CV)': { unit: 'kWh', suffix: 'kwh-net-cv', per: 'kWh (net calorific value)' },
  kWh: { unit: 'kWh', suffix: 'kwh', per: 'kWh' },
  litres: { unit: 'L', suffix: 'litres', per: 'litre' },
  tonnes: { unit: 't', suffix: 'tonnes', per: 'tonne' },
  kg: { unit: 'kg', suffix: 'kg', per: 'kg' },
  GJ: { unit: 'GJ', suffix: 'gj', per: 'GJ' },
  'cubic metres': { unit: 'm^3', suffix: 'm3', per: 'm³' },
  'tonne.km': { unit: 't*km', suffix: 'tkm', per: 'tonne.km' },
  km: { unit: 'km', suffix: 'km', per: 'vehicle km' },
  miles: { unit: 'mi', suffix: 'mi', per: 'vehicle mile' },
};

/** Shorter, stable id words for the route columns of material use and waste disposal. */
export const COLUMN_ID: Record<string, string> = {
  'Primary material production': 'primary',
  'Re-used': 'reused',
  'Open-loop source': 'open-loop-source',
  'Closed-loop source': 'closed-loop-source',
  'Re-use': 'reuse',
  'Open-loop': 'open-loop',
  'Closed-loop': 'closed-loop',
  'Incineration with Energy Recovery': 'incineration',
  Composting: 'composting',
  Landfill: 'landfill',
  'Anaerobic digestion': 'anaerobic-digestion',
};

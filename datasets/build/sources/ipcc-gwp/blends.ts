/**
 * Refrigerant blends whose composition (mass %) is fixed by ANSI/ASHRAE Standard 34. Only blends
 * whose every component has an IPCC GWP in at least one set are listed; a set's blend GWP is
 * computed only where every component has a value in that set.
 */
export interface BlendDef {
  id: string;
  components: [substance: string, percent: number][];
}

export const BLENDS: BlendDef[] = [
  { id: 'R-401A', components: [['HCFC-22', 53], ['HFC-152a', 13], ['HCFC-124', 34]] },
  { id: 'R-404A', components: [['HFC-125', 44], ['HFC-143a', 52], ['HFC-134a', 4]] },
  { id: 'R-407A', components: [['HFC-32', 20], ['HFC-125', 40], ['HFC-134a', 40]] },
  { id: 'R-407B', components: [['HFC-32', 10], ['HFC-125', 70], ['HFC-134a', 20]] },
  { id: 'R-407C', components: [['HFC-32', 23], ['HFC-125', 25], ['HFC-134a', 52]] },
  { id: 'R-407D', components: [['HFC-32', 15], ['HFC-125', 15], ['HFC-134a', 70]] },
  { id: 'R-407F', components: [['HFC-32', 30], ['HFC-125', 30], ['HFC-134a', 40]] },
  { id: 'R-408A', components: [['HFC-125', 7], ['HFC-143a', 46], ['HCFC-22', 47]] },
  { id: 'R-409A', components: [['HCFC-22', 60], ['HCFC-124', 25], ['HCFC-142b', 15]] },
  { id: 'R-410A', components: [['HFC-32', 50], ['HFC-125', 50]] },
  { id: 'R-410B', components: [['HFC-32', 45], ['HFC-125', 55]] },
  { id: 'R-427A', components: [['HFC-32', 15], ['HFC-125', 25], ['HFC-143a', 10], ['HFC-134a', 50]] },
  { id: 'R-448A', components: [['HFC-32', 26], ['HFC-125', 26], ['HFO-1234yf', 20], ['HFC-134a', 21], ['HFO-1234ze(E)', 7]] },
  { id: 'R-449A', components: [['HFC-32', 24.3], ['HFC-125', 24.7], ['HFO-1234yf', 25.3], ['HFC-134a', 25.7]] },
  { id: 'R-450A', components: [['HFC-134a', 42], ['HFO-1234ze(E)', 58]] },
  { id: 'R-452A', components: [['HFC-32', 11], ['HFC-125', 59], ['HFO-1234yf', 30]] },
  { id: 'R-454B', components: [['HFC-32', 68.9], ['HFO-1234yf', 31.1]] },
  { id: 'R-500', components: [['CFC-12', 73.8], ['HFC-152a', 26.2]] },
  { id: 'R-502', components: [['HCFC-22', 48.8], ['CFC-115', 51.2]] },
  { id: 'R-503', components: [['HFC-23', 40.1], ['CFC-13', 59.9]] },
  { id: 'R-507A', components: [['HFC-125', 50], ['HFC-143a', 50]] },
  { id: 'R-508B', components: [['HFC-23', 46], ['PFC-116', 54]] },
  { id: 'R-513A', components: [['HFO-1234yf', 56], ['HFC-134a', 44]] },
];

export const ASHRAE_CITATION = 'ANSI/ASHRAE Standard 34, refrigerant designation and composition';

import type { SubCompartment } from '@greenlca/schema';

/**
 * The project's sub-compartments and the source labels that map to each. A label not listed here leaves its
 * source flows unmapped (listed in the mapping file), never guessed. `broader` is the fallback chain a
 * method lookup may walk (see ImpactMethod.fallback); every chain ends at `<compartment>/unspecified`.
 * EF = ILCD elementaryFlowCategorization level 2; TRACI = the emission compartment of the column header;
 * USLCI = the last two levels of the openLCA category path.
 */
type Def = [id: string, en: string, broader: string | undefined, labels: { ef?: string[]; traci?: string[]; uslci?: string[] }];

const DEFS: Def[] = [
  ['air/unspecified', 'air, unspecified', undefined, { ef: ['Emissions to air, unspecified'], traci: ['air'], uslci: ['air/unspecified'] }],
  ['air/urban', 'urban air close to ground (high population density)', 'air/unspecified', {
    ef: ['Emissions to urban air close to ground'], traci: ['urban air'], uslci: ['air/high population density'],
  }],
  ['air/non-urban', 'non-urban air or from high stacks (low population density)', 'air/unspecified', {
    ef: ['Emissions to non-urban air or from high stacks'], traci: ['cont. rural air'], uslci: ['air/low population density', 'air/low. pop.'],
  }],
  ['air/stratosphere', 'lower stratosphere and upper troposphere', 'air/unspecified', {
    ef: ['Emissions to lower stratosphere and upper troposphere'], uslci: ['air/stratosphere'],
  }],
  ['air/indoor', 'air, indoor', 'air/unspecified', { ef: ['Emissions to air, indoor'] }],
  ['air/unspecified-long-term', 'air, unspecified (long-term)', 'air/unspecified', { ef: ['Emissions to air, unspecified (long-term)'] }],
  ['air/non-urban-long-term', 'non-urban air, long-term (low population density, long-term)', 'air/unspecified-long-term', {
    uslci: ['air/low population density, long-term'],
  }],
  ['air/non-urban-close-to-ground', 'non-urban air close to ground', 'air/non-urban', { ef: ['Emissions to non-urban air close to ground'] }],
  ['air/non-urban-low-stack', 'non-urban air, low stack', 'air/non-urban', { ef: ['Emissions to non-urban air low stack'] }],
  ['air/non-urban-high-stack', 'non-urban air, high stack', 'air/non-urban', { ef: ['Emissions to non-urban air high stack'] }],
  ['air/non-urban-very-high-stack', 'non-urban air, very high stack', 'air/non-urban', { ef: ['Emissions to non-urban air very high stack'] }],
  ['air/urban-low-stack', 'urban air, low stack', 'air/urban', { ef: ['Emissions to urban air low stack'] }],
  ['air/urban-high-stack', 'urban air, high stack', 'air/urban', { ef: ['Emissions to urban air high stack'] }],
  ['air/urban-very-high-stack', 'urban air, very high stack', 'air/urban', { ef: ['Emissions to urban air very high stack'] }],
  ['water/unspecified', 'water, unspecified', undefined, { ef: ['Emissions to water, unspecified'], uslci: ['water/unspecified'] }],
  ['water/fresh-water', 'fresh water', 'water/unspecified', { ef: ['Emissions to fresh water'], traci: ['cont. freshwater'] }],
  ['water/river', 'river', 'water/fresh-water', { uslci: ['water/river'] }],
  ['water/lake', 'lake', 'water/fresh-water', { uslci: ['water/lake'] }],
  ['water/sea-water', 'sea water (ocean)', 'water/unspecified', { ef: ['Emissions to sea water'], traci: ['cont. sea water'], uslci: ['water/ocean'] }],
  ['water/unspecified-long-term', 'water, unspecified (long-term)', 'water/unspecified', { ef: ['Emissions to water, unspecified (long-term)'] }],
  ['water/ground-water', 'ground water', 'water/unspecified', { uslci: ['water/ground-'] }],
  ['water/ground-water-long-term', 'ground water, long-term', 'water/unspecified-long-term', { uslci: ['water/ground-, long-term'] }],
  ['soil/unspecified', 'soil, unspecified', undefined, { ef: ['Emissions to soil, unspecified'], uslci: ['soil/unspecified'] }],
  ['soil/agricultural', 'agricultural soil', 'soil/unspecified', { ef: ['Emissions to agricultural soil'], traci: ['cont. agric. soil'], uslci: ['soil/agricultural'] }],
  ['soil/non-agricultural', 'non-agricultural soil', 'soil/unspecified', { ef: ['Emissions to non-agricultural soil'] }],
  ['soil/natural', 'natural soil', 'soil/non-agricultural', { traci: ['cont. natural soil'] }],
  ['soil/industrial', 'industrial soil', 'soil/non-agricultural', { uslci: ['soil/industrial'] }],
  ['soil/forestry', 'forestry soil', 'soil/non-agricultural', { uslci: ['soil/forestry'] }],
  ['resource/unspecified', 'resource, unspecified', undefined, { uslci: ['resource/unspecified'] }],
  ['resource/in-ground', 'resources from ground', 'resource/unspecified', {
    ef: ['Non-renewable element resources from ground', 'Non-renewable energy resources from ground'], uslci: ['resource/in ground'],
  }],
  ['resource/in-water', 'resources from water', 'resource/unspecified', { ef: ['Renewable material resources from water'], uslci: ['resource/in water'] }],
  ['resource/in-air', 'resources from air', 'resource/unspecified', { ef: ['Renewable material resources from air'], uslci: ['resource/in air'] }],
  ['resource/biotic', 'biotic resources', 'resource/unspecified', { uslci: ['resource/biotic'] }],
  ['resource/land', 'land (occupation, transformation)', 'resource/unspecified', { uslci: ['resource/land'] }],
];

export type LabelSource = 'ef' | 'traci' | 'uslci';
const SOURCE_NAMES: Record<LabelSource, string> = { ef: 'ef-3.1', traci: 'traci-2.2', uslci: 'uslci-fy17' };

export const SUB_COMPARTMENTS: SubCompartment[] = DEFS.map(([id, en, broader, labels]) => {
  const [compartment, subCompartment] = id.split('/') as [SubCompartment['compartment'], string];
  const sourceLabels: Record<string, string[]> = {};
  for (const s of ['ef', 'traci', 'uslci'] as const) if (labels[s]) sourceLabels[SOURCE_NAMES[s]] = labels[s];
  return { id, compartment, subCompartment, name: { en }, ...(broader ? { broader } : {}), sourceLabels };
});

const byLabel = new Map<string, string>();
for (const [id, , , labels] of DEFS) {
  for (const s of ['ef', 'traci', 'uslci'] as const) for (const l of labels[s] ?? []) byLabel.set(`${s}:${l}`, id);
}

/** The sub-compartment id of a source label, or undefined when the label is not mapped. */
export function subCompartmentOf(source: LabelSource, label: string): string | undefined {
  return byLabel.get(`${source}:${label}`);
}

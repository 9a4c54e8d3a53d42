import type { SuggestResult } from '@greenlca/whatif';
import { flagString } from '../io.js';
import { formatNumber, textTable } from '../table.js';
import { numberFlag, runWhatIf } from './compare.js';
import type { Command } from './index.js';

const USAGE = 'greenlca suggest FILE [--hotspots 5] [--mass-reduction 10] [--lifetime-extension 20] [--lifetime-parameter NAME] [--gwp AR4|AR5|AR6] [--format json|table]';

export const command: Command = {
  summary: 'Eco-design suggestions from the hotspots, each with the saving the bundled data gives it, ranked; and which hotspots the data cannot quantify.',
  usage: USAGE,
  async run(args, io) {
    const { suggest } = await import('@greenlca/whatif');
    return runWhatIf(args, io, USAGE, [], (product, flags, options, _repeated, library) => {
      const hotspots = numberFlag(flags, 'hotspots', (x) => Number.isInteger(x) && x > 0, 'a whole number above 0');
      const mass = numberFlag(flags, 'mass-reduction', (x) => x > 0 && x < 100, 'a percentage above 0 and below 100');
      const life = numberFlag(flags, 'lifetime-extension', (x) => x > 0, 'a percentage above 0');
      const lifetimeParameter = flagString(flags, 'lifetime-parameter');
      return suggest(product, library, {
        ...options,
        ...(hotspots !== undefined ? { hotspots } : {}),
        ...(mass !== undefined ? { massReduction: mass / 100 } : {}),
        ...(life !== undefined ? { lifetimeExtension: life / 100 } : {}),
        ...(lifetimeParameter !== undefined ? { lifetimeParameter } : {}),
      });
    }, renderTable);
  },
};

function renderTable(r: SuggestResult): string {
  const out = [`Eco-design suggestions (total ${formatNumber(r.baseline.kgCO2e)} kg CO2e, IPCC ${r.gwp}), largest saving first:`, ''];
  if (r.suggestions.length) {
    out.push(textTable(['#', 'Suggestion', 'Saving kg CO2e', 'Saving %'], r.suggestions.map((s) => [
      String(s.rank), s.title, s.saving.kgCO2e, `${formatNumber(s.saving.percent)} %`,
    ])));
    out.push('', 'How each is worked out:');
    for (const s of r.suggestions) out.push(`  ${s.rank}. ${s.basis}${s.to ? `\n     source: ${s.to.citation}` : ''}`);
  } else out.push('No change the bundled data can quantify.');
  if (r.notQuantified.length) {
    out.push('', 'Not quantified:');
    for (const n of r.notQuantified) out.push(`  - ${n.hotspot ? `${n.hotspot.label} (${formatNumber(n.hotspot.kgCO2e)} kg CO2e): ` : ''}${n.reason}`);
  }
  return out.join('\n') + '\n';
}

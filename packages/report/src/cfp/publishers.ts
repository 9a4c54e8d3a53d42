import type { GwpSet } from '@greenlca/schema';
import type { Citation } from './types.js';

/**
 * @module Sources cited by their publishers. The bundled GWP100 values were read from machine-readable
 * copies (openclimatedata, USEPA LCIAformatter on GitHub); a report cites the IPCC report and table they
 * come from (the tables named in datasets/substances/ipcc-gwp.json), never the copy.
 */

export interface Publication {
  publisher: string;
  citation: string;
  url: string;
}

export const GWP_PUBLICATIONS: Record<GwpSet, Publication> = {
  AR4: { publisher: 'IPCC', citation: 'IPCC (2007), Climate Change 2007: The Physical Science Basis, Working Group I contribution to the Fourth Assessment Report, Table 2.14 (GWP100)', url: 'https://www.ipcc.ch/report/ar4/wg1/' },
  AR5: { publisher: 'IPCC', citation: 'IPCC (2013), Climate Change 2013: The Physical Science Basis, Working Group I contribution to the Fifth Assessment Report, Table 8.A.1 (GWP100, without climate-carbon feedbacks)', url: 'https://www.ipcc.ch/report/ar5/wg1/' },
  AR6: { publisher: 'IPCC', citation: 'IPCC (2021), Climate Change 2021: The Physical Science Basis, Working Group I contribution to the Sixth Assessment Report, Chapter 7 Supplementary Material, Table 7.SM.7 (GWP100)', url: 'https://www.ipcc.ch/report/ar6/wg1/' },
};

/** How a citation is printed: a GWP value read from a copy is cited as its IPCC report; others as the publisher gives them. */
export function publisherCitation(c: Pick<Citation, 'citation' | 'url'>): { citation: string; url?: string } {
  const ar = /^IPCC (AR[456])\b/.exec(c.citation)?.[1] as GwpSet | undefined;
  if (ar && (!c.url || !c.url.includes('ipcc.ch'))) return { citation: GWP_PUBLICATIONS[ar].citation, url: GWP_PUBLICATIONS[ar].url };
  return c.url ? { citation: c.citation, url: c.url } : { citation: c.citation };
}

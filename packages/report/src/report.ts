import { Type, type Static } from '@sinclair/typebox';
import { CfpReport } from './cfp/types.js';
import { EcodesignReport } from './ecodesign.js';
import { LcaReport } from './lca-data.js';

/** Any report as JSON, told apart by `kind`: carbon footprint, LCA or self-evaluation. */
export const Report = Type.Union([CfpReport, LcaReport, EcodesignReport], { description: 'A GreenLCA report as JSON, by `kind`.' });
export type Report = Static<typeof Report>;

import type { Licence } from '@greenlca/schema';

/**
 * Licences of the bundled sources, with the attribution texts from shared/data-sources/PROVENANCE.md.
 * Ids are what each factor's `licence` names.
 */
export const LICENCES = {
  ogl: {
    id: 'OGL-UK-3.0',
    name: 'Open Government Licence v3.0',
    url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
    attribution:
      'Contains public sector information licensed under the Open Government Licence v3.0. ' +
      'Source: UK Government GHG Conversion Factors for Company Reporting 2025 (DESNZ).',
  },
  usPd: {
    id: 'US-PD',
    name: 'Work of the U.S. federal government (public domain in the U.S., 17 U.S.C. §105)',
    attribution:
      'U.S. EPA (2025). GHG Emission Factors Hub: Emission Factors for Greenhouse Gas Inventories (last modified 15 January 2025).',
  },
  ccBy: {
    id: 'CC-BY-4.0',
    name: 'Creative Commons Attribution 4.0 International',
    url: 'https://creativecommons.org/licenses/by/4.0/',
    attribution:
      'Electricity carbon intensity: Ember – Yearly Electricity Data (ember-climate.org), CC BY 4.0; ' +
      'compiled by The Green Web Foundation, CO2.js (which labels this data CC BY-SA 4.0).',
  },
  prc: {
    id: 'PRC-official-announcement',
    name: 'Official announcement of PRC State Council departments (not protected by copyright, PRC Copyright Law Art. 5)',
    url: 'https://www.mee.gov.cn/',
    attribution:
      '生态环境部、国家统计局：2021/2022/2023年电力二氧化碳排放因子; 生态环境部、国家统计局、国家能源局：2024年电力碳足迹因子 ' +
      '(MEE & NBS electricity CO2 emission factors 2021–2023; MEE, NBS & NEA 2024 electricity carbon-footprint factor).',
  },
  cc0: {
    id: 'CC0-1.0',
    name: 'Creative Commons Zero v1.0 Universal',
    url: 'https://creativecommons.org/publicdomain/zero/1.0/',
    attribution:
      'IPCC GWP values via openclimatedata/globalwarmingpotentials v0.13.1 (CC0 1.0); values from IPCC AR4, AR5 and AR6 WG1.',
  },
  mit: {
    id: 'MIT',
    name: 'MIT License, Copyright (c) 2021 U.S. EPA',
    url: 'https://opensource.org/license/mit',
    attribution:
      'IPCC GWP values via USEPA LCIAformatter IPCC_GWP_values.csv, MIT License, Copyright (c) 2021 U.S. EPA; ' +
      'values from IPCC AR4 Table 2.14, AR5 Table 8.A.1 and AR6 Table 7.SM.7.',
  },
} as const satisfies Record<string, Licence>;

/** Licences of the LCIA method and elementary-flow sources (datasets/methods, datasets/flows). */
export const LCIA_LICENCES = {
  traci: {
    id: 'US-PD',
    name: 'Work of the U.S. federal government (public domain in the U.S., 17 U.S.C. §105); USEPA/TRACI repository under MPL-2.0 (https://www.mozilla.org/MPL/2.0/)',
    url: 'https://github.com/USEPA/TRACI',
    attribution:
      'U.S. EPA ORD (2022). TRACI 2.2: Tool for the Reduction and Assessment of Chemical and other environmental Impacts. ' +
      'https://github.com/USEPA/TRACI. Method reference: Bare, J. (2011) TRACI 2.0, Clean Technologies and Environmental Policy 13:687–696.',
  },
  ef: {
    id: 'EF-3.1-JRC-ILCD-terms',
    name: 'European Commission JRC, EF reference package 3.1 data set terms (common:accessRestrictions of each method XML); copy from linancn/EF-reference-package-3.1-Correction (MIT, © 2024 linancn)',
    url: 'https://github.com/linancn/EF-reference-package-3.1-Correction',
    attribution:
      'European Commission, Joint Research Centre (JRC) — EF reference package 3.1 (owner of the data sets: JRC), via the community-corrected copy ' +
      'linancn/EF-reference-package-3.1-Correction, commit d78a7a4bdc0f965697d5a80bfdef6fd859368570. Terms (verbatim, method accessRestrictions): ' +
      '"The data set can be used free of charge by anybody to perform LCA studies, to distribute it to third parties, to convert it to other formats, ' +
      'to develop own data sets etc. as long as the ILCD format is mantained. Please note e.g. that reference must be given to the \'Owner of data set\' ' +
      '(who may have additional copyright and license requirements on the particular data set that are to be met). Please note also that any ' +
      'modifications/omissions of the data set results in invalidity of any existing \'Official recommendation of data set by governmental body\'" ' +
      '(some methods carry the ELCD wording, which adds: name the ELCD/EF source and version, and avoid the impression that a converted set is an ' +
      'original data set). This file is a conversion: it is NOT an official or recommended EF data set; the unchanged ILCD files are in ' +
      'shared/data-sources/ef-3.1/ef-3.1-ilcd-subset.zip (sha256 be92cded…855a).',
  },
  uslci: {
    id: 'US-PD',
    name: 'U.S. government database (public domain in the U.S.); distributing repository FLCAC-admin/uslci-content under MIT (© 2017 uslci-admin)',
    url: 'https://github.com/FLCAC-admin/uslci-content',
    attribution:
      'U.S. Life Cycle Inventory Database (USLCI), FY17 Q4 release (uslci_fy17_q4_02), National Renewable Energy Laboratory / Federal LCA Commons.',
  },
} as const satisfies Record<string, Licence>;

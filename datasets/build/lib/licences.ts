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

import type { Product } from '@greenlca/schema';

/**
 * A kettle-like product for what-if tests (fixture library `whatifLibrary`). Hand-worked footprint, AR6:
 *   housing   0.5 kg aluminium-primary  = 0.0005 t × 9000      = 4.5
 *   body      0.42 kg plastic-primary   = 0.00042 t × 3000     = 1.26
 *   body eol  0.42 kg landfill          = 0.00042 t × 500      = 0.21   (endOfLife)
 *   screws    6 × 2 g steel             = 0.012 kg × 2         = 0.024
 *   use       0.1 kWh × 3/day × 365 day × 5 = 547.5 kWh × 0.5  = 273.75
 *   transport 1.6 kg × 1200 km = 1.92 t·km × 0.1               = 0.192
 *   leak      0.02 kg HFC-134a × 1526                          = 30.52  (use)
 *   heat      3.5 kWh gas × 0.2                                = 0.7    (manufacture)
 *   total                                                       = 311.156
 */
export function kettle(): Product {
  return {
    schemaVersion: 1,
    id: 'kettle',
    name: 'Test kettle',
    functionalUnit: { amount: 1, unit: 'item', description: 'one kettle used for 5 years' },
    region: 'CN',
    parameters: { boilsPerDay: { value: 3, unit: '1/day' }, years: 5 },
    components: [
      { id: 'housing', name: 'Housing', material: 'wf/material-aluminium-primary', mass: '0.5 kg' },
      {
        id: 'body', name: 'Body', material: 'wf/material-plastics-primary', mass: '0.42 kg',
        endOfLife: [{ route: 'landfill', share: 1, factor: 'wf/landfill' }],
        children: [{ id: 'screw', name: 'Screw', quantity: 6, material: 'wf/steel', mass: '2 g' }],
      },
    ],
    inventory: [
      { id: 'use', stage: 'use', factor: 'wf/grid-cn', amount: '0.1 kWh * boilsPerDay * 365 day * years' },
      { id: 'truck', stage: 'transport', factor: 'wf/freight-hgv-average-laden-tkm', amount: '1.6 kg * 1200 km' },
      { id: 'leak', stage: 'use', substance: 'HFC-134a', amount: '0.02 kg' },
      { id: 'heat', stage: 'manufacture', factor: 'wf/gas', amount: '3.5 kWh' },
    ],
  };
}

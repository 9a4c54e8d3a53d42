import { Type, type Static } from '@sinclair/typebox';
import { Amount } from './amount.js';

/**
 * Foreground processes: the product's own unit processes that may supply each other, loops included
 * (electricity ↔ coal mining, transport ↔ fuel). A process is used like a factor: inventory lines,
 * component materials and end-of-life routes name it by id, and the engine solves the network for its
 * cradle-to-gate kg CO2e per unit of its product.
 */
export const ProcessExchange = Type.Object(
  {
    process: Type.Optional(Type.String({ minLength: 1, description: 'Another foreground process that supplies this one.' })),
    factor: Type.Optional(Type.String({ minLength: 1, description: 'A bundled or custom factor (background data).' })),
    substance: Type.Optional(Type.String({ minLength: 1, description: 'A gas the process emits directly.' })),
    amount: Amount,
  },
  { description: 'An input (or direct emission) of a process, per its output amount.' },
);
export type ProcessExchange = Static<typeof ProcessExchange>;

export const ForegroundProcess = Type.Object(
  {
    id: Type.String({ minLength: 1, description: 'Id that lines, materials and other processes use.' }),
    name: Type.Optional(Type.String()),
    unit: Type.String({ minLength: 1, description: 'Unit of the product the process makes: kWh, kg, t*km, item …' }),
    output: Type.Optional(Amount),
    inputs: Type.Array(ProcessExchange),
    source: Type.Optional(Type.String({ description: 'Where the process data comes from.' })),
  },
  { description: 'A unit process; `inputs` are per `output` (default 1 of `unit`).' },
);
export type ForegroundProcess = Static<typeof ForegroundProcess>;

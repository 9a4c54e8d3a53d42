import type { Io } from '../io.js';

/** A CLI command: takes its arguments after the command name, returns the exit code. */
export interface Command {
  summary: string;
  usage: string;
  run(args: string[], io: Io): Promise<number>;
}

/** Commands load lazily so `greenlca schema` does not pay for the solver or the datasets. */
export const commands: Record<string, () => Promise<{ command: Command }>> = {
  calc: () => import('./calc.js'),
  compare: () => import('./compare.js'),
  datasets: () => import('./datasets.js'),
  evaluate: () => import('./evaluate.js'),
  factors: () => import('./factors.js'),
  network: () => import('./network.js'),
  olca: () => import('./olca.js'),
  pact: () => import('./pact.js'),
  report: () => import('./report.js'),
  schema: () => import('./schema.js'),
  sensitivity: () => import('./sensitivity.js'),
  suggest: () => import('./suggest.js'),
  uncertainty: () => import('./uncertainty.js'),
};

import { STAGES, type Stage } from '@greenlca/schema';
import { addFixed, FIXED_ZERO, numberOfFixed, type Fixed } from './exact.js';

/**
 * Exact sums by stage with their total (the CO2e totals, each impact category, each inventory entry),
 * and each one's nearest double once it has been read. An edit adds to a copy (`edited`) that carries
 * the total over by the same exact differences, and the doubles of the stages it did not reach: so
 * reading after an edit rounds only the sums the edit changed, and no stages are added up again.
 * Immutable once it is in a model's sums; only a fresh copy is added to.
 */
export class StageSums {
  private shownTotal: number | undefined = undefined;

  private constructor(
    private readonly stages: Record<Stage, Fixed>,
    private sum: Fixed,
    /** Doubles of the stages read so far (undefined: not read since the stage last changed). */
    private readonly shown: Record<Stage, number | undefined>,
  ) {}

  static zero(): StageSums {
    return new StageSums(stagesOf(() => FIXED_ZERO), FIXED_ZERO, stagesOf(() => undefined));
  }

  /** Sums made at once (a rebuild): the total is added up here, once. */
  static of(stages: Readonly<Record<Stage, Fixed>>): StageSums {
    return new StageSums({ ...stages }, STAGES.reduce((t, s) => addFixed(t, stages[s], 1), FIXED_ZERO), stagesOf(() => undefined));
  }

  /** A copy to add to, before it is shared. */
  edited(): StageSums {
    return new StageSums({ ...this.stages }, this.sum, { ...this.shown });
  }

  /** Adds x at a stage (only on a copy from `edited`, `zero` or `of` not yet in any model). */
  add(stage: Stage, x: Fixed): void {
    this.stages[stage] = addFixed(this.stages[stage], x, 1);
    this.sum = addFixed(this.sum, x, 1);
    this.shown[stage] = undefined;
    this.shownTotal = undefined;
  }

  get byStage(): Readonly<Record<Stage, Fixed>> {
    return this.stages;
  }

  get total(): Fixed {
    return this.sum;
  }

  isZero(stage: Stage): boolean {
    return this.stages[stage].m === 0n;
  }

  /** The nearest double to a stage's sum. */
  stageNumber(stage: Stage): number {
    return (this.shown[stage] ??= numberOfFixed(this.stages[stage]));
  }

  /** The nearest double to the total. */
  totalNumber(): number {
    return (this.shownTotal ??= numberOfFixed(this.sum));
  }
}

/** One object shape for every record by stage (all stages, in STAGES order). */
function stagesOf<T>(value: (stage: Stage) => T): Record<Stage, T> {
  return Object.fromEntries(STAGES.map((s) => [s, value(s)])) as Record<Stage, T>;
}

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
  private shownTotal = NaN;

  private constructor(
    /** By stage, in STAGES order. */
    private readonly stages: Fixed[],
    private sum: Fixed,
    /** Doubles of the stages read so far (NaN: not read since the stage last changed; never a sum's double). */
    private readonly shown: number[],
  ) {}

  static zero(): StageSums {
    return new StageSums(STAGES.map(() => FIXED_ZERO), FIXED_ZERO, STAGES.map(() => NaN));
  }

  /** Sums made at once (a rebuild): the total is added up here, once. */
  static of(stages: Readonly<Record<Stage, Fixed>>): StageSums {
    return new StageSums(STAGES.map((s) => stages[s]), STAGES.reduce((t, s) => addFixed(t, stages[s], 1), FIXED_ZERO), STAGES.map(() => NaN));
  }

  /** A copy to add to, before it is shared. */
  edited(): StageSums {
    return new StageSums(this.stages.slice(), this.sum, this.shown.slice());
  }

  /** Adds x at a stage (only on a copy from `edited`, `zero` or `of` not yet in any model). */
  add(stage: Stage, x: Fixed): void {
    const i = STAGE_INDEX[stage];
    this.stages[i] = addFixed(this.stages[i]!, x, 1);
    this.sum = addFixed(this.sum, x, 1);
    this.shown[i] = NaN;
    this.shownTotal = NaN;
  }

  get byStage(): Readonly<Record<Stage, Fixed>> {
    return Object.fromEntries(STAGES.map((s, i) => [s, this.stages[i]!])) as Record<Stage, Fixed>;
  }

  get total(): Fixed {
    return this.sum;
  }

  isZero(stage: Stage): boolean {
    return this.stages[STAGE_INDEX[stage]]!.m === 0n;
  }

  /** The nearest double to a stage's sum. */
  stageNumber(stage: Stage): number {
    const i = STAGE_INDEX[stage];
    let n = this.shown[i]!;
    if (n !== n) this.shown[i] = n = numberOfFixed(this.stages[i]!); // NaN: not read yet
    return n;
  }

  /** The nearest double to the total. */
  totalNumber(): number {
    let n = this.shownTotal;
    if (n !== n) this.shownTotal = n = numberOfFixed(this.sum);
    return n;
  }
}

const STAGE_INDEX = Object.fromEntries(STAGES.map((s, i) => [s, i])) as Record<Stage, number>;

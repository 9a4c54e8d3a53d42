import { fillSamples, keyedXoshiro128 } from '@greenlca/sparse';

/**
 * `count` uniforms on [0, 1) of the stream for `key` under `seed` (sparse's xoshiro128**). A stream depends
 * only on the seed and the input's key ("factor:wf/steel", "line:use"), so a baseline and its variants draw
 * the same numbers for the inputs they share: paired draws (common random numbers).
 */
export function uniforms(seed: number, key: string, count: number): Float64Array {
  return fillSamples({ kind: 'uniform', min: 0, max: 1 }, keyedXoshiro128(seed, key), new Float64Array(count));
}

import { Type, type Static } from '@sinclair/typebox';
import { STAGES } from './vocabulary.js';

export { STAGES, STAGE_NAMES, isStage } from './vocabulary.js';

export const Stage = Type.Union(
  STAGES.map((s) => Type.Literal(s)),
  { description: 'Life-cycle stage: design, manufacture, packaging, transport, use or endOfLife.' },
);
export type Stage = Static<typeof Stage>;

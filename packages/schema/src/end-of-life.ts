/** @module end-of-life — where a part's material goes at end of life (报废处理). */
import { Type, type Static } from '@sinclair/typebox';
import { EOL_ROUTES } from './vocabulary.js';

export { EOL_ROUTES } from './vocabulary.js';
export const EndOfLifeRouteName = Type.Union(EOL_ROUTES.map((r) => Type.Literal(r)), {});
export type EndOfLifeRouteName = Static<typeof EndOfLifeRouteName>;

/** Where a share of a component's material mass goes at end of life. */
export const EndOfLifeRoute = Type.Object(
  {
    route: EndOfLifeRouteName,
    share: Type.Number({ minimum: 0, maximum: 1, description: 'Mass share of the component material, 0 to 1.' }),
    factor: Type.Optional(Type.String({ minLength: 1, description: 'Treatment factor per kg or t of material.' })),
  },
  {},
);
export type EndOfLifeRoute = Static<typeof EndOfLifeRoute>;

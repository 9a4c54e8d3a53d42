/** Engine name and version recorded in every result (bump with any change to numbers). */
export const ENGINE = { name: '@greenlca/engine', version: '0.2.0' } as const;

// A module resolve hook (module.register) that turns on the '@greenlca/source' export condition, so the
// workspace packages resolve to their TypeScript sources: bin/greenlca.mjs's fallback when no fresh build exists.
export async function resolve(specifier, context, next) {
  return next(specifier, context.conditions.includes('@greenlca/source') ? context : { ...context, conditions: [...context.conditions, '@greenlca/source'] });
}

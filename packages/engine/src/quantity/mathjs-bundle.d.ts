// The single-file build of mathjs: Node loads it ~10× faster than the 1,000-module ESM tree, which
// matters for every CLI call and server start. Same API, so the package's own types apply.
declare module 'mathjs/lib/browser/math.js' {
  import * as mathjs from 'mathjs';
  const bundle: typeof mathjs;
  export default bundle;
}

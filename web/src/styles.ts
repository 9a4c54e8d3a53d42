/** @module styles — shared design tokens and control styles for every lca-* element. */
import { css } from 'lit';

export const controls = css`
  :host {
    --lca-fg: #1d2a24;
    --lca-muted: #5b6b63;
    --lca-bg: #ffffff;
    --lca-panel: #f6f8f7;
    --lca-line: #d5ddd9;
    --lca-accent: #1f7a4d;
    --lca-accent-weak: #e3f2ea;
    --lca-error: #b3261e;
    --lca-warn: #8a5a00;
    font: 14px/1.4 system-ui, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif;
    color: var(--lca-fg);
    box-sizing: border-box;
  }
  *, *::before, *::after { box-sizing: inherit; }
  button, input, select, textarea { font: inherit; color: inherit; }
  input, select, textarea {
    border: 1px solid var(--lca-line); border-radius: 4px; padding: 3px 6px; background: #fff; min-width: 0;
  }
  input[aria-invalid='true'] { border-color: var(--lca-error); background: #fff6f5; }
  button {
    border: 1px solid var(--lca-line); border-radius: 4px; padding: 3px 10px; background: #fff; cursor: pointer;
  }
  button:hover:where(:not(:disabled)) { background: var(--lca-panel); }
  button.primary { background: var(--lca-accent); border-color: var(--lca-accent); color: #fff; }
  button.primary:hover:where(:not(:disabled)) { background: #17633e; }
  button.link { border: none; background: none; padding: 0; color: var(--lca-accent); text-decoration: underline; }
  /* A button that cannot be pressed looks it (a disabled Save is not an enabled one), and does not light up
     (the hover rules above skip it; :where keeps their specificity, so elements still restyle buttons). */
  button:disabled { opacity: .45; cursor: not-allowed; }
  button.icon { padding: 2px 6px; line-height: 1; }
  :focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
  .field-error { color: var(--lca-error); font-size: 12px; }
  .muted { color: var(--lca-muted); }
  .num { font-variant-numeric: tabular-nums; text-align: right; }
  table { border-collapse: collapse; width: 100%; }
  th, td { padding: 3px 6px; border-bottom: 1px solid var(--lca-line); text-align: left; vertical-align: top; }
  th { font-weight: 600; color: var(--lca-muted); font-size: 12px; }
  h2 { font-size: 15px; margin: 0 0 8px; }
  h3 { font-size: 13px; margin: 12px 0 6px; color: var(--lca-muted); }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

/**
 * Entry point: the app element. A stored product at the page's address was already requested by
 * index.html's script (api/opening.ts), so the app's code is one module, fetched as the page starts.
 */
import './components/lca-app.js';

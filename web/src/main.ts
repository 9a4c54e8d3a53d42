/**
 * Entry point: mark the start for the benchmark, ask the server for a stored product at the page's
 * address (and its result) while the app's code loads, and define the app element.
 */
import { startOpening } from './api/opening.js';

performance.mark('lca:start');
startOpening();
import('./components/lca-app.js');

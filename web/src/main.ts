/** Entry point: mark the start for the benchmark and define the app element. */
performance.mark('lca:start');
import('./components/lca-app.js');

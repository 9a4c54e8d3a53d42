/**
 * The most work one request may ask for, in one place (server/README.md, "Limits", lists them). Going
 * over a body size is a 413; over any other limit a 422 (GLCA_LIMIT_EXCEEDED, or GLCA_BOM_INVALID for
 * a BOM) whose detail names the limit. Figures measured on this project's 2-core machine.
 */

/** Largest request body in bytes (`bodyLimit`); the batch route's own is MAX_BATCH_BODY_BYTES. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** Largest /v1/batch/calculate body in bytes. */
export const MAX_BATCH_BODY_BYTES = 64 * 1024 * 1024;
/** Largest PACT event (`POST /3/events`) body: events carry ids and filters, not footprints. */
export const MAX_PACT_EVENT_BYTES = 256 * 1024;
/** Largest `POST /auth/token` body (a form with grant_type and, at most, credentials). */
export const MAX_TOKEN_REQUEST_BYTES = 16 * 1024;

/**
 * A client must send its request headers within HEADERS_TIMEOUT_MS and the whole request within
 * REQUEST_TIMEOUT_MS (a 64 MiB batch at 2 Mbit/s), else it gets a 408 and its connection is closed;
 * connections are checked every CONNECTIONS_CHECK_MS. A client trickling header lines cannot hold
 * sockets for longer, and at most MAX_CONNECTIONS are open at once (more are refused at once), well
 * under the file descriptors a server is given.
 */
export const HEADERS_TIMEOUT_MS = 20_000;
export const REQUEST_TIMEOUT_MS = 300_000;
export const CONNECTIONS_CHECK_MS = 5_000;
export const MAX_CONNECTIONS = 10_000;

/** Products in one batch. */
export const MAX_BATCH_PRODUCTS = 1000;
/**
 * Lines (inventory lines and components, counted over the whole tree) of one product in a batch: about
 * what a 2 MiB /v1/calculate body holds, so a batch item asks no more than a single request may.
 */
export const MAX_BATCH_PRODUCT_LINES = 20_000;
/**
 * Foreground processes of one product, and their inputs in all (each input is also counted as a line
 * in the limits on lines). Every calculation solves the network: by iteration usually, by dense LU (n³)
 * when iteration stalls (inputs of more than their output, e.g. 2 kg of each of 4 others per kg). That
 * worst case, random networks × 10 inputs, measured here at load 7–8 on the 2 shared cores (medians of
 * 8 runs of the engine): 500 processes 0.23 s, 700: 0.45 s, 1,000: 0.73 s (4,000 × 4: 24 s). Through
 * /v1/calculate at load 6.7, 500 × 10: 0.09 s (dense LU), 0.03 s (iteration), medians of 5.
 */
export const MAX_PRODUCT_PROCESSES = 500;
export const MAX_PRODUCT_PROCESS_INPUTS = 5_000;
/**
 * Solves × process inputs of a network whose amounts use parameters, in one what-if request or report:
 * each Monte Carlo run (× scenarios), each sensitivity end and each scenario of a comparison that varies
 * a parameter re-solves the network (/v1/whatif/uncertainty, 30 runs of 200 processes × 3 inputs = 18,000: 0.33 s
 * here at load 6.7; the audit's 2,000 runs of it would take ~20 s).
 */
export const MAX_NETWORK_RUN_INPUTS = 20_000;
/** Lines over all the products of one batch (~3 s of calculation here). */
export const MAX_BATCH_LINES = 100_000;
/**
 * Items (products) of one background job (POST /v1/jobs): a job is worked on in chunks by the workers,
 * not in the request, but its items are stored, and listed, so they are bounded too.
 */
export const MAX_JOB_ITEMS = 100_000;

/** Monte Carlo runs in one request. */
export const MAX_MONTE_CARLO_RUNS = 20_000;
/**
 * Monte Carlo runs × lines × (1 + scenarios) in one request: each run evaluates every line of the
 * baseline and of each scenario (1,000 runs × 5,000 lines took 1.7 s here).
 */
export const MAX_MONTE_CARLO_LINE_RUNS = 5_000_000;
/**
 * Lines × (1 + scenarios) of a scenario comparison: each scenario is a variant of the whole product
 * (20,000 lines × 50 scenarios took 7.2 s here).
 */
export const MAX_COMPARE_LINE_EVALUATIONS = 250_000;
/** Lines of a product for a sensitivity analysis (every input is varied up and down: 5,000 lines took ~1 s here). */
export const MAX_SENSITIVITY_LINES = 5_000;
/** Lines of a product for a report (JSON, HTML or PDF: 5,000 lines made a 4.7 MB JSON report in 0.6 s here). */
export const MAX_REPORT_LINES = 5_000;

/** A BOM import's: components, columns and characters in a cell (the importer, @greenlca/bom, checks them as it reads). */
export { MAX_BOM_CELL_CHARS, MAX_BOM_COLUMNS, MAX_BOM_COMPONENTS } from '@greenlca/bom';

/**
 * An organisation factor dataset file (CSV, .xlsx or openLCA zip), before base64: the import body may
 * be this much plus a third (base64) and the metadata. USLCI's whole openLCA export is 7 MB.
 */
export const MAX_ORG_DATASET_FILE_BYTES = 32 * 1024 * 1024;
/** Rows of a factor table, and factors of a dataset (an openLCA package's processes included). */
export const MAX_ORG_DATASET_ROWS = 50_000;
/** Columns of a factor table, and characters in one of its cells. */
export const MAX_ORG_DATASET_COLUMNS = 200;
export const MAX_ORG_DATASET_CELL_CHARS = 4_096;
/** Bytes an .xlsx or openLCA zip may unpack to (checked from its directory before anything is inflated). */
export const MAX_ORG_DATASET_UNPACKED_BYTES = 512 * 1024 * 1024;
/**
 * What an .xlsx may hold, counted in its XML before it is built (exceljs keeps each as an object of
 * ~90 bytes and more): shared strings, and rows and cells over all its sheets. A table at the row
 * limit with 40 filled columns is 2,000,000 cells.
 */
export const MAX_WORKBOOK_SHARED_STRINGS = 2_500_000;
export const MAX_WORKBOOK_ROWS = 200_000;
export const MAX_WORKBOOK_CELLS = 2_500_000;
/** Processes of an openLCA package imported as factors (each import calculates all of them, one factorisation). */
export const MAX_OLCA_PROCESSES = 10_000;
/**
 * Imports run on their own thread (org-datasets/import-thread.ts), one at a time, with this many
 * waiting (more are refused with 503 and Retry-After), this much time each (USLCI, 736 products:
 * 2–3 s) and this much heap (a package at the unpacked limit, parsed): past either, the import alone
 * ends, answered as too large.
 */
export const IMPORT_THREAD_WAITING = 4;
export const IMPORT_THREAD_TIMEOUT_MS = 120_000;
export const IMPORT_THREAD_HEAP_MB = 3_072;
/**
 * PDF reports are rendered on their own thread (routes/reports/render.ts), one at a time: texts are
 * cut for the page (@greenlca/report pdf/fit.ts), so a report at MAX_REPORT_LINES takes seconds; the
 * time and heap are a backstop, past which the request is answered 422 and the server goes on.
 */
export const PDF_THREAD_WAITING = 8;
export const PDF_THREAD_TIMEOUT_MS = 60_000;
export const PDF_THREAD_HEAP_MB = 1_024;
/** Problems listed per import: beyond it the answer says how many more there are. */
export const MAX_IMPORT_PROBLEMS = 1_000;
/** Organisation datasets loaded into one calculation's factor library (all of an organisation's, current versions). */
export const MAX_ORG_DATASETS = 100;

/** Characters of an Idempotency-Key (visible ASCII; a UUID is 36). */
export const IDEMPOTENCY_KEY_MAX_CHARS = 255;
/** How long the first answer to an Idempotency-Key is kept per organisation (24 hours, as Stripe does). */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
/**
 * A claimed key whose request has not answered after this long is taken over by a retry: its request died
 * with its process (no request runs this long: Node's request timeout and the work limits bound it).
 */
export const IDEMPOTENCY_STALE_MS = 5 * 60 * 1000;

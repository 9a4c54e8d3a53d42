/** Report generator name and version, printed in every report (bump with any change to report content). */
export const REPORT_GENERATOR = { name: '@greenlca/report', version: '0.2.0' } as const;

/** The build log: what was skipped, merged or cross-checked. Printed at the end of a build. */
export class BuildLog {
  constructor(
    readonly lines: string[] = [],
    private readonly prefix = '',
  ) {}

  info(message: string): void {
    this.lines.push(`${this.prefix}${message}`);
  }

  /** A log that writes into the same lines with a section prefix. */
  section(name: string): BuildLog {
    return new BuildLog(this.lines, `${this.prefix}${name}: `);
  }
}

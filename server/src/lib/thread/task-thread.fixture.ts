/** Tasks for task-thread.test.ts: each input names what the task does. */
export type FixtureInput = { do: 'echo'; value: unknown } | { do: 'spin'; ms: number } | { do: 'grow' } | { do: 'throw'; name: string };

export default async function fixture(input: FixtureInput): Promise<unknown> {
  switch (input.do) {
    case 'echo': return { echoed: input.value };
    case 'spin': {
      const end = Date.now() + input.ms;
      while (Date.now() < end) { /* holds the thread */ }
      return 'spun';
    }
    case 'grow': {
      const hold: number[][] = [];
      for (;;) hold.push(new Array(1_000_000).fill(hold.length));
    }
    case 'throw': {
      const e = Object.assign(new Error(`thrown as ${input.name}`), { code: 'SOME_CODE', problems: [{ pointer: '/x' }] });
      e.name = input.name;
      throw e;
    }
  }
}

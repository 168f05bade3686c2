/** Where a CLI command writes; tests pass their own to capture output. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** A user mistake (bad usage, bad file): printed as one line on stderr, exit status 2, never a stack trace. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Exit statuses shared by every subcommand. */
export const EXIT = { ok: 0, rejected: 1, usage: 2 } as const;

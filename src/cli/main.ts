import { EXIT, UsageError, processIO, type CliIO } from "./io";

const USAGE = `usage:
  workbench run FILE.json [--set ID=VALUE ...] [--format text|json] [--out DIR]
  workbench fit --data FILE.csv --formula "y ~ x + (x | g)" [--factors a,b] [--ml]
                [--family gaussian|binomial|poisson] [--nagq N] [--format text|json] [--repeat N]
`;

type Command = (args: string[], io: CliIO) => Promise<number>;

// Subcommands are loaded on demand so `workbench fit` never pays for the engine and vice versa.
const commands: Record<string, () => Promise<Command>> = {
  run: async () => (await import("./run-command")).runCommand,
  fit: async () => (await import("./fit-command")).fitCommand,
};

/** Entry point of the `workbench` command; returns the exit status. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const load = commands[name];
  if (!load) {
    io.err(`workbench: unknown command "${name}"\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    const command = await load();
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`workbench ${name}: ${error.message}\n`);
      return EXIT.usage;
    }
    // An internal failure: still one line for the user, the stack only on request.
    const message = error instanceof Error ? error.message : String(error);
    io.err(`workbench ${name}: internal error: ${message}\n`);
    if (process.env.WORKBENCH_DEBUG) io.err(`${(error as Error)?.stack ?? ""}\n`);
    return EXIT.rejected;
  }
}

import { UsageError } from "./io";

/** The shape of a command's flags: which take a value, which may repeat, which are switches. */
export interface FlagSpec {
  values?: readonly string[];
  repeated?: readonly string[];
  switches?: readonly string[];
}

export interface ParsedArgs {
  positional: string[];
  values: Map<string, string>;
  repeated: Map<string, string[]>;
  switches: Set<string>;
}

/** Parses `--name value`, `--name=value` and `--switch`; an unknown flag is a UsageError. */
export function parseArgs(argv: string[], spec: FlagSpec): ParsedArgs {
  const values = new Set(spec.values ?? []);
  const repeated = new Set(spec.repeated ?? []);
  const switches = new Set(spec.switches ?? []);
  const parsed: ParsedArgs = { positional: [], values: new Map(), repeated: new Map(), switches: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) {
      parsed.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (switches.has(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      parsed.switches.add(name);
      continue;
    }
    if (!values.has(name) && !repeated.has(name)) throw new UsageError(`unknown option --${name}`);
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else value = argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    if (repeated.has(name)) {
      const list = parsed.repeated.get(name) ?? [];
      list.push(value);
      parsed.repeated.set(name, list);
    } else {
      if (parsed.values.has(name)) throw new UsageError(`--${name} given twice`);
      parsed.values.set(name, value);
    }
  }
  return parsed;
}

/** Reads `--format`, which every command accepts as text (default) or json. */
export function formatOption(args: ParsedArgs): "text" | "json" {
  const format = args.values.get("format") ?? "text";
  if (format !== "text" && format !== "json") throw new UsageError(`--format must be text or json, not "${format}"`);
  return format;
}

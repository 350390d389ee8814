// Command-line parsing for every subcommand: Node's `util.parseArgs` (strict, positionals allowed, `--` ends the
// options), with its errors turned into the CLI's one-line reasons (`netcfg: unknown option '--x' (try …)`).
// Values are validated by the subcommands; this file only knows the shape of options. No LSP, no service.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/**
 * Parses `argv` against `options`. `command` names the subcommand in the hint of an unknown option
 * (`try 'netcfg check --help'`). A string option without a value, a value given to a flag and an unknown option are
 * `UsageError`s with one line each.
 */
export function parseCommandLine(argv: string[], options: OptionSpec, command: string): ParsedArgs {
  try {
    const res = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: res.values as ParsedArgs['values'], positionals: res.positionals };
  } catch (err) {
    throw new UsageError(describeParseError(err, command));
  }
}

/** One line for a parseArgs error (its own messages span several lines and suggest `--` tricks). */
function describeParseError(err: unknown, command: string): string {
  const e = err as NodeJS.ErrnoException;
  const message = String(e?.message ?? err);
  // "Option '-q, --quiet' does not take an argument", "Option '--jobs <value>' argument missing".
  const name = /'(?:-[^-' ], )?(-{1,2}[^' <,]*)/.exec(message)?.[1] ?? '?';
  switch (e?.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option '${name}' (try '${command} --help')`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(message)) return `option '${name}' takes no value`;
      return `option '${name}' needs a value`;
    default:
      return message.split('\n')[0];
  }
}

/** The last value of a string option given several times (`--format a --format b` is `b`, as before). */
export function lastString(values: ParsedArgs['values'], name: string): string | undefined {
  const v = values[name];
  if (Array.isArray(v)) return v.length ? String(v[v.length - 1]) : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** Every value of a repeatable string option, in order. */
export function allStrings(values: ParsedArgs['values'], name: string): string[] {
  const v = values[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

import { Option } from 'commander';

/**
 * An option whose default is a number: parsed from its text like any value the user types, and shown in --help as
 * `(default: 100)`, not as the quoted string `(default: "100")` commander prints for a text default.
 */
export function numberDefault(flags: string, description: string, value: number): Option {
  return new Option(flags, description).default(String(value), String(value));
}

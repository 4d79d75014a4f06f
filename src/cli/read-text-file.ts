import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { suggestName } from '../diagnostics/suggest-name.js';
import type { Result } from '../diagnostics/diagnostic.js';
import { failure, success } from '../diagnostics/diagnostic.js';
import { messages } from '../diagnostics/messages.js';

/** Models and scenarios are small; anything larger is a wrong path, and parsing it would only waste minutes. */
const maximumInputBytes = 20e6;

/** The file in the same folder whose name is closest to a path that does not exist, as the path would be written. */
function nearbyFile(path: string): string | undefined {
  const folder = dirname(path);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== undefined) return undefined;
    throw error;
  }
  const found = suggestName(basename(path), names);
  return found === undefined ? undefined : folder === '.' && !path.startsWith('./') ? found : join(folder, found);
}

/** Read a model or scenario file as UTF-8 text; a directory, a huge, binary or non-UTF-8 file is a diagnostic. */
export function readTextFile(path: string): Result<string> {
  const problem = (reason: string): Result<string> =>
    failure([{ file: path, line: 1, column: 1, severity: 'error', field: '', ...messages.fileUnreadable(reason) }]);
  let bytes: Buffer;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) return problem('it is a directory, not a file');
    if (stats.size > maximumInputBytes)
      return problem(
        `it is ${(stats.size / 1e6).toFixed(1)} MB; an input file may be at most ${maximumInputBytes / 1e6} MB`,
      );
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return failure([
        { file: path, line: 1, column: 1, severity: 'error', field: '', ...messages.fileNotFound(nearbyFile(path)) },
      ]);
    return problem(
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : error instanceof Error
            ? error.message
            : String(error),
    );
  }
  if (bytes.includes(0)) return problem('it holds binary data, not text');
  try {
    return success(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return problem('it is not UTF-8 text');
  }
}

import { failure, success, type Result } from '../../src/diagnostics/diagnostic.js';
import { messages } from '../../src/diagnostics/messages.js';

/** A `ScenarioIo` over files held in memory: path to text; a missing path reads as 'no such file'. */
export function memoryFiles(files: Record<string, string>): { readText(path: string): Result<string> } {
  return {
    readText: (path) =>
      path in files
        ? success(files[path]!)
        : failure([
            {
              file: path,
              line: 1,
              column: 1,
              severity: 'error',
              field: '',
              ...messages.fileUnreadable('no such file'),
            },
          ]),
  };
}

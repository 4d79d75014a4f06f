import type { Result } from '../diagnostics/diagnostic.js';

/**
 * How a scenario loader reads the files it is pointed at: the CLI passes `readTextFile`, tests pass
 * an in-memory map. A path is as the scenario wrote it, joined to the folder of the file that named it.
 */
export interface ScenarioIo {
  /** The file's text, or diagnostics saying why it cannot be read. */
  readText(path: string): Result<string>;
}

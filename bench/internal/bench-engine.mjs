// What the benches that drive the built engine share: stopping with a message, reading counts, loading dist/, loading a scenario.
import { readFileSync } from 'node:fs';

/** A `fail(message)` that prints `<bench>: message` and exits 1. */
export function createFail(bench) {
  return (message) => {
    console.error(`${bench}: ${message}`);
    process.exit(1);
  };
}

/** A reader of positive whole-number options: the text as a number, `fallback` when absent, or `fail`. */
export function createCount(fail) {
  return (text, fallback) => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < 1) fail(`expected a positive integer, got '${text}'`);
    return value;
  };
}

/** The built library (dist/index.js), or `fail` saying to build it first. */
export async function loadEngine(fail) {
  try {
    return await import('../../dist/index.js');
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND')
      fail(`cannot load the engine from dist/ (${error.message}); run \`npm run build\` first`);
    throw error;
  }
}

/** A scenario file loaded through the engine, or `fail` with its diagnostics. */
export function loadScenarioFile(engine, file, fail) {
  const loaded = engine.loadScenario(file, { readText: (path) => ({ ok: true, value: readFileSync(path, 'utf8') }) });
  if (!loaded.ok) fail(`${file} does not load:\n${engine.renderDiagnostics(loaded.diagnostics)}`);
  return loaded.value;
}

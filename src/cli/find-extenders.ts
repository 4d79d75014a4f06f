import { existsSync, readdirSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { resolveScenarioPath } from '../scenario/read-scenario-file.js';
import { readTextFile } from './read-text-file.js';

/** Each YAML file in `folders` (not their subfolders) with the absolute path its `extends` names, if any. */
function extendsByFile(folders: readonly string[]): Map<string, string> {
  const extended = new Map<string, string>();
  for (const folder of new Set(folders.map((candidate) => resolve(candidate)))) {
    if (!existsSync(folder)) continue;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (!entry.isFile() || !['.yaml', '.yml'].includes(extname(entry.name))) continue;
      const file = join(folder, entry.name);
      const text = readTextFile(file);
      if (!text.ok) continue;
      let document: unknown;
      try {
        document = parse(text.value);
      } catch {
        continue;
      }
      const written = (document as { extends?: unknown } | null)?.extends;
      if (typeof written === 'string') extended.set(file, resolve(resolveScenarioPath(file, written)));
    }
  }
  return extended;
}

/**
 * The scenario files in `folders` (not their subfolders) that extend `target`, directly or through
 * another: the files a rewrite of `target` would change, relative to the working folder. Files that
 * are not YAML mappings are passed over.
 */
export function findExtenders(target: string, folders: readonly string[]): string[] {
  const extended = extendsByFile(folders);
  const found = new Set<string>();
  const pending = [resolve(target)];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const [file, parent] of extended) {
      if (parent !== next || found.has(file)) continue;
      found.add(file);
      pending.push(file);
    }
  }
  return [...found].map((file) => relative('.', file)).sort();
}

/** The folders whose scenarios may extend a file: its own, its parent, and the scenario's. */
export function extenderFolders(target: string, scenarioFile: string): string[] {
  return [dirname(target), dirname(dirname(target)), dirname(scenarioFile)];
}

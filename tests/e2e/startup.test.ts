import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * What the built CLI loads to start: `--version` and `--help` must load none of the heavy packages
 * (the equation parser, the charts, the distributions, the worker pool), which took most of a second.
 * The check reads the modules the process loaded (a loader hook records each URL), mapped through the
 * bundle's record of which package files each of its chunks holds, not a time.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const binary = join(root, 'dist/cli/main.js');
const heavy = ['mathjs', 'vega', 'vega-lite', '@stdlib', 'piscina'];

/** The packages (and 'src' for our own code) each loaded file holds. */
function loadedPackages(args: readonly string[]): Set<string> {
  const log = join(mkdtempSync(join(tmpdir(), 'kechuang-startup-')), 'modules.txt');
  const hook = join(root, 'tests/helpers/record-module-loads.mjs');
  const run = spawnSync(process.execPath, ['--import', hook, binary, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, KECHUANG_MODULE_LOG: log },
  });
  expect(run.status, run.stderr).toBe(0);
  const bundle = JSON.parse(readFileSync(join(root, 'dist/cli/bundle-meta.json'), 'utf8')) as Record<string, string[]>;
  const packageOf = (file: string): string => {
    const parts = file.split('/');
    const at = parts.lastIndexOf('node_modules');
    if (at < 0) return 'src';
    return parts[at + 1]!.startsWith('@') ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1]!;
  };
  const packages = new Set<string>();
  for (const url of readFileSync(log, 'utf8').split('\n')) {
    if (!url.startsWith('file://')) continue;
    const file = fileURLToPath(url).slice(root.length);
    const held = bundle[file];
    for (const input of held ?? [file]) packages.add(packageOf(input));
  }
  return packages;
}

/** A loaded package that belongs to `name` (`@stdlib` covers every @stdlib/… package). */
const loads = (packages: Set<string>, name: string): boolean =>
  [...packages].some((loaded) => loaded === name || loaded.startsWith(`${name}/`));

describe('kechuang start-up', () => {
  it.each([['--version'], ['--help']])('%s loads neither mathjs, vega, vega-lite, @stdlib nor piscina', (flag) => {
    const packages = loadedPackages([flag]);
    expect(packages.has('commander')).toBe(true);
    expect(heavy.filter((name) => loads(packages, name))).toEqual([]);
  });

  it('validate of a model loads the equation parser, which shows the check sees bundled packages', () => {
    const packages = loadedPackages(['validate', 'models/beijing-innovation.yaml']);
    expect(loads(packages, 'mathjs')).toBe(true);
    expect(loads(packages, 'vega')).toBe(false);
    expect(loads(packages, 'piscina')).toBe(false);
  });
});

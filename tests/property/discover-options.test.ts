import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Discovery } from '../../src/analysis/discover-scenarios.js';
import type { CommandOutput } from '../../src/cli/output.js';
import { runCli } from '../../src/cli/run-cli.js';
import { propertyRuns, propertySeed } from './property-config.js';

/**
 * `discover` with option values a user might type, valid or not, run in-process through `runCli` on
 * one worker (the main thread): it exits 0 with a box obeying its own rules, or 2 with one message
 * naming the option; never 1 or a stack trace.
 */
const validShares = ['0.01', '0.05', '0.1', '0.3', '0.49', '0.9', '1e-3'];
const badShares = ['0', '1', '-0.1', 'abc', '', 'NaN', 'Infinity', '0.5'];

const someOptions = (
  shares: readonly string[],
  thresholds: readonly string[],
  excludes: readonly string[],
  targets: readonly string[][],
) =>
  fc.record(
    {
      peel: fc.constantFrom(...shares),
      minMass: fc.constantFrom(...shares),
      minCoverage: fc.constantFrom(...shares, '0', '1'),
      threshold: fc.constantFrom(...thresholds),
      met: fc.boolean(),
      paste: fc.boolean(),
      exclude: fc.constantFrom(...excludes),
      target: fc.constantFrom(...targets),
    },
    { requiredKeys: ['target'] },
  );
/** Half the cases valid throughout, half free to be wrong anywhere. */
const optionsArbitrary = fc.oneof(
  someOptions(validShares.slice(0, 5), ['0.5', '2', '-1', '0'], ['x1', 'x3', 'x1,x2,x3', ''], [['ok_0']]),
  someOptions(
    [...validShares, ...badShares],
    ['0.5', 'x', '1e400'],
    ['x3', 'x4'],
    [['ok_0'], ['ok_0', 'never_missed'], ['ok0']],
  ),
);

async function discover(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const output: CommandOutput = { out: (text) => void (out += text), err: (text) => void (err += text), width: 100 };
  const code = await runCli(
    ['discover', 'tests/fixtures/analysis/box-failure.yaml', '--runs', '300', '--workers', '1', '--json', ...args],
    output,
  );
  return { code, out, err };
}

describe(`kechuang discover options (seed ${propertySeed})`, () => {
  it('exits 0 with a box that keeps its own rules, or 2 naming the option', async () => {
    const codes: number[] = [];
    await fc.assert(
      fc.asyncProperty(optionsArbitrary, async (options) => {
        const args = [
          ...options.target.flatMap((id) => ['--target', id]),
          ...(options.peel === undefined ? [] : ['--peel', options.peel]),
          ...(options.minMass === undefined ? [] : ['--min-mass', options.minMass]),
          ...(options.minCoverage === undefined ? [] : ['--min-coverage', options.minCoverage]),
          ...(options.threshold === undefined ? [] : ['--threshold', options.threshold]),
          ...(options.met === true ? ['--met'] : []),
          ...(options.paste === true ? ['--paste'] : []),
          ...(options.exclude === undefined ? [] : ['--exclude', options.exclude]),
        ];
        const { code, out, err } = await discover(args);
        codes.push(code);
        expect([0, 2], err).toContain(code);
        expect(err).not.toMatch(/\n\s+at /);
        if (code === 2) {
          expect(err).toMatch(/^error \[[a-z-]+\] --[a-z-]+ /);
          return;
        }
        const discovery = JSON.parse(out) as Discovery;
        if (discovery.box === null) {
          expect([0, discovery.runs]).toContain(discovery.classCount);
          return;
        }
        const chosen = discovery.trajectory[discovery.chosenStep!]!;
        expect(chosen.coverage).toBeGreaterThanOrEqual(discovery.options.minCoverage);
        for (const step of discovery.trajectory.slice(1))
          expect(step.mass).toBeGreaterThanOrEqual(discovery.options.minMass);
        expect(discovery.box.coverage).toBeGreaterThanOrEqual(discovery.peeledBox!.coverage);
        expect(discovery.box.density).toBeGreaterThanOrEqual(
          discovery.peeledBox!.density - discovery.dropTolerance! - 1e-12,
        );
        for (const name of discovery.excluded)
          expect(discovery.box.restrictions.map((restriction) => restriction.name)).not.toContain(name);
      }),
      { seed: propertySeed, numRuns: propertyRuns(60) },
    );
    // Both answers must be exercised, or the property says little.
    expect(codes.filter((code) => code === 0).length).toBeGreaterThan(10);
    expect(codes.filter((code) => code === 2).length).toBeGreaterThan(10);
  });
});

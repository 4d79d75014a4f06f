import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../../src/cli/output.js';
import { openRunCheckpoints, scenarioOutFolder } from '../../../src/cli/run-checkpoints.js';
import { InputError } from '../../../src/diagnostics/input-error.js';
import type { ScenarioSpec } from '../../../src/scenario/scenario-spec.js';
import { withOverrides } from '../../../src/scenario/with-overrides.js';
import { loadScenarioOrThrow, reportFixture } from '../../helpers/report-fixtures.js';

const baseline = loadScenarioOrThrow(reportFixture('baseline.yaml'));
const boost = loadScenarioOrThrow(reportFixture('boost.yaml'));
const scratch = mkdtempSync(join(tmpdir(), 'kechuang-run-checkpoints-'));

function capture(): { output: CommandOutput; stderr: () => string } {
  let stderr = '';
  return { output: { out: () => undefined, err: (text) => void (stderr += text), width: 120 }, stderr: () => stderr };
}

/** The input error `open` throws, rendered. */
function refusal(open: () => unknown): string {
  try {
    open();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).render();
  }
  throw new Error('nothing was refused');
}

/** Open a scenario's checkpoint in `out` and save its manifest, as a run does before its first shard. */
function startRun(scenario: ScenarioSpec, out: string): void {
  const [checkpoint] = openRunCheckpoints([scenario], out, false, capture().output);
  checkpoint!.restore({
    runCount: scenario.uncertainty.runCount,
    saveCount: 2,
    variableNames: ['population'],
    saveTimes: Float64Array.of(2020, 2021),
    values: new Float64Array(2 * scenario.uncertainty.runCount),
  });
}

describe('scenarioOutFolder()', () => {
  it('writes one scenario into --out itself, and several each into a folder named after it', () => {
    expect(scenarioOutFolder('results', 1, 'baseline')).toBe('results');
    expect(scenarioOutFolder('results', 2, 'baseline')).toBe(join('results', 'baseline'));
  });
});

describe('openRunCheckpoints()', () => {
  it('opens none without --out, and refuses --resume without --out', () => {
    expect(openRunCheckpoints([baseline, boost], undefined, false, capture().output)).toEqual([undefined, undefined]);
    expect(refusal(() => openRunCheckpoints([baseline], undefined, true, capture().output))).toBe(
      'error [invalid-value] --resume: --resume continues a run saved by --out DIR, so it needs --out DIR',
    );
  });

  it('makes the --out folder at once, a .checkpoint per scenario inside it', () => {
    const out = join(scratch, 'two', 'results');
    const checkpoints = openRunCheckpoints([baseline, boost], out, false, capture().output);
    expect(statSync(out).isDirectory()).toBe(true);
    expect(checkpoints.map((checkpoint) => checkpoint!.folder)).toEqual([
      join(out, 'baseline', '.checkpoint'),
      join(out, 'boost', '.checkpoint'),
    ]);
    expect(checkpoints.every((checkpoint) => checkpoint!.resumed === false)).toBe(true);
  });

  it('refuses an --out that is a file before any run, naming it', () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'x');
    expect(refusal(() => openRunCheckpoints([baseline], file, false, capture().output))).toMatch(
      new RegExp(`^error \\[file-unwritable\\] --out ${file}: cannot write there: `),
    );
  });

  it('says on --resume that there is nothing to resume, and starts from the first run', () => {
    const out = join(scratch, 'fresh');
    const { output, stderr } = capture();
    const [checkpoint] = openRunCheckpoints([baseline], out, true, output);
    expect(checkpoint!.resumed).toBe(false);
    expect(stderr()).toBe(
      `note [interrupted] ${baseline.file}: nothing to resume in ${join(out, '.checkpoint')}; starting from the first run\n`,
    );
  });

  it('refuses to start over an unfinished run without --resume, and resumes it with --resume', () => {
    const out = join(scratch, 'unfinished');
    startRun(baseline, out);
    expect(existsSync(join(out, '.checkpoint', 'manifest.json'))).toBe(true);
    const refused = refusal(() => openRunCheckpoints([baseline], out, false, capture().output));
    expect(refused).toContain(
      `error [checkpoint-exists] --out ${out}: ${join(out, '.checkpoint')} holds the saved runs`,
    );
    expect(refused).toContain('hint: add --resume to continue it');
    const { output, stderr } = capture();
    const [checkpoint] = openRunCheckpoints([baseline], out, true, output);
    expect(checkpoint!.resumed).toBe(true);
    expect(stderr()).toBe(
      `note [interrupted] ${baseline.file}: resuming: 0 of 400 runs restored from ${join(out, '.checkpoint')}\n`,
    );
  });

  it('refuses to resume a run saved with other inputs, naming what changed', () => {
    const out = join(scratch, 'changed');
    startRun(baseline, out);
    const moreRuns = withOverrides(baseline, { set: new Map(), runCount: 500 });
    expect(refusal(() => openRunCheckpoints([moreRuns], out, true, capture().output))).toContain(
      `error [checkpoint-mismatch] --out ${out}: cannot resume from ${join(out, '.checkpoint')}: the run count changed since its runs were saved (was 400, now 500)`,
    );
  });
});

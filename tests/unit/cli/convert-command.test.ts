import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSeriesCsv } from '../../helpers/compare-series.js';
import { runInProcess } from '../../helpers/run-cli-in-process.js';

/** `kechuang convert` run in-process through `runCli` (tests/e2e/cli.test.ts runs it through the binary). */

const sir = new URL('../../golden/fixtures/conformance/xmile/SIR/SIR.xmile', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'kechuang-convert-'));

describe('kechuang convert', () => {
  it('--to yaml prints a model that simulates to the same numbers; --out writes it into a folder', async () => {
    const printed = await runInProcess(['convert', sir, '--to', 'yaml']);
    expect(printed.status, printed.stderr).toBe(0);
    expect(printed.stdout).toContain(
      'succumbing:\n    equation: susceptible * infectious / total_population * contact_infectivity',
    );
    const out = join(scratch, 'SIR.yaml');
    const written = await runInProcess(['convert', sir, '--to', 'yaml', '--out', scratch]);
    expect(written.status, written.stderr).toBe(0);
    expect(written.stdout).toBe(`wrote ${out}\n`);
    expect(readFileSync(out, 'utf8')).toBe(printed.stdout);
    expect((await runInProcess(['convert', sir, '--to', 'yaml', '--out', scratch])).status).toBe(2);
    expect(readdirSync(scratch).filter((file) => file.endsWith('.tmp'))).toEqual([]);
    const fromYaml = parseSeriesCsv((await runInProcess(['simulate', out, '--csv'])).stdout);
    const fromXmile = parseSeriesCsv(
      (await runInProcess(['simulate', sir, '--csv', '--vars', fromYaml.columns.slice(1).join(',')])).stdout,
    );
    expect(fromYaml.rows).toEqual(fromXmile.rows);
  });

  it('needs --to, and reports a model that does not load', async () => {
    expect((await runInProcess(['convert', sir])).status).toBe(2);
    const missing = join(scratch, 'missing.xmile');
    const run = await runInProcess(['convert', missing, '--to', 'yaml', '--out', join(scratch, 'never')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no such file');
    expect(existsSync(join(scratch, 'never'))).toBe(false);
  });
});

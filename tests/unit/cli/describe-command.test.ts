import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../helpers/run-cli-in-process.js';

/** `kechuang describe` run in-process through `runCli`. */

describe('kechuang describe', () => {
  it('lists parameters with units, ranges and docs, and the stocks, flows and auxes', async () => {
    const run = await runInProcess(['describe', 'models/examples/population.yaml']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Parameters (5)');
    expect(run.stdout).toMatch(/birth_rate\s+│\s+0\.006\s+│\s+1\/year\s+│\s+\[0, 0\.05\]/);
    expect(run.stdout).toContain('Stocks (1)');
    expect(run.stdout).toContain('Population / 人口');
    expect(run.stdout).toContain('Auxiliaries (2)');
  });

  it('--json prints the model as data', async () => {
    const run = await runInProcess(['describe', 'models/examples/population.yaml', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const model = JSON.parse(run.stdout) as { parameters: { name: string; min?: number }[] };
    expect(model.parameters.map((parameter) => parameter.name)).toContain('policy_boost');
  });

  it('lists an XMILE model with its written names as labels', async () => {
    const special = new URL(
      '../../golden/fixtures/conformance/xmile/special_characters_xmile/test_special_variable_names.xmile',
      import.meta.url,
    ).pathname;
    const run = await runInProcess(['describe', special, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const described = JSON.parse(run.stdout) as { stocks: { name: string; label: string }[] };
    expect(described.stocks[0]).toMatchObject({
      name: 'stock_with_newline_character',
      label: 'Stock with Newline Character',
    });
  });
});

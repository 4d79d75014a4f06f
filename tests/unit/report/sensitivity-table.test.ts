import { describe, expect, it } from 'vitest';
import { formatSensitivityTable, sensitivityHeadline } from '../../../src/report/sensitivity-table.js';
import { morrisResult, prccResult, sobolResult } from '../../helpers/sensitivity-results.js';

/** The cells of each table row (header included), by the │ column borders. */
function tableRows(block: string): string[][] {
  return block
    .split('\n')
    .filter((line) => line.startsWith('│'))
    .map((line) =>
      line
        .split('│')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

/** The blocks the table prints, separated by blank lines: headline, notes, then one per output. */
const blocksOf = (text: string): string[] => text.trimEnd().split('\n\n');

describe('sensitivityHeadline()', () => {
  it('names the method, scenario, runs, seed and sampling of each method', () => {
    expect(sensitivityHeadline(prccResult())).toBe(
      "PRCC (partial rank correlation) for baseline: 1,200 runs, seed 42, Latin hypercube sampling (the scenario's own Monte Carlo runs); p-values from Student's t",
    );
    expect(sensitivityHeadline(sobolResult())).toBe(
      'Sobol indices for baseline: N = 512 base samples x (2 factors + 2) = 2,048 runs, seed 7, random sampling; S1 Saltelli 2010, ST Jansen; ± is the 95% normal interval half-width: 1.96 x the standard deviation of 200 bootstrap resamples',
    );
    expect(sensitivityHeadline(morrisResult())).toBe(
      "Morris elementary effects for baseline: r = 10 trajectories x (2 factors + 1) = 30 runs, seed 9; p = 4 levels, step Δ = 0.667 of each factor's grid; effects in output units per whole grid",
    );
  });
});

describe('formatSensitivityTable()', () => {
  it('prints PRCC with its headline, the left-out joint group note, and one table per output in the given order', () => {
    const text = formatSensitivityTable(prccResult());
    expect(text.endsWith('\n')).toBe(true);
    const [headline, note, population, growth, ...rest] = blocksOf(text);
    expect(rest).toEqual([]);
    expect(headline).toBe(sensitivityHeadline(prccResult()));
    expect(note).toBe(
      'note: fit (2 parameters drawn together) varies in the runs but is not rank-correlated: its members do not rise with its shared draw; --method sobol or morris ranks it as one factor',
    );
    expect(population!.split('\n')[0]).toBe('population in 2035 (target population_2035)');
    expect(tableRows(population!)).toEqual([
      ['parameter', 'PRCC', 'p-value'],
      ['death_rate', '-0.812', '< 1e-16'],
      ['birth_rate', '0.400', '2.3e-5'],
      ['migration', '0.000', '0.500'],
    ]);
    expect(growth!.split('\n')[0]).toBe('net_growth_rate in 2030');
    expect(tableRows(growth!).map((row) => row[0])).toEqual(['parameter', 'migration', 'birth_rate', 'death_rate']);
    expect(tableRows(growth!)[1]).toEqual(['migration', '0.250', '0.012']);
  });

  it('prints p-values under 1e-16 as < 1e-16, not 0, and those from 1e-16 to 0.001 in exponent form', () => {
    const result = prccResult();
    const values = [0, 5e-17, 1e-16, 3.456e-10, 0.000999, 0.001, 0.0456];
    result.outputs = [
      {
        variable: 'population',
        year: 2035,
        targets: [],
        parameters: values.map((p_value, index) => ({ name: `p${index}`, prcc: 0.5, p_value })),
      },
    ];
    const printed = tableRows(blocksOf(formatSensitivityTable(result))[2]!)
      .slice(1)
      .map((row) => row[2]);
    expect(printed).toEqual(['< 1e-16', '< 1e-16', '1.0e-16', '3.5e-10', '1.0e-3', '0.001', '0.046']);
  });

  it('prints no note when PRCC leaves nothing out', () => {
    const result = prccResult();
    result.leftOut = [];
    const blocks = blocksOf(formatSensitivityTable(result));
    expect(blocks).toHaveLength(3);
    expect(formatSensitivityTable(result)).not.toContain('note:');
  });

  it('prints Sobol indices and their ± half-widths to three decimals, with a joint group sized', () => {
    const [headline, population, ...rest] = blocksOf(formatSensitivityTable(sobolResult()));
    expect(rest).toEqual([]);
    expect(headline).toBe(sensitivityHeadline(sobolResult()));
    expect(tableRows(population!)).toEqual([
      ['factor', 'S1', '±', 'ST', '±'],
      ['fit (2 parameters)', '0.561', '0.031', '0.612', '0.040'],
      ['birth_rate', '0.300', '0.020', '0.300', '0.025'],
    ]);
  });

  it('says when an output took the same value in every run', () => {
    const result = sobolResult();
    result.outputs[0]!.constant = true;
    expect(blocksOf(formatSensitivityTable(result))[1]!.split('\n')[0]).toBe(
      'population in 2035 (target population_2035): the same in every run, so no input moves it',
    );
  });

  it('prints Morris mu*, sigma and mu columns in output units to three significant digits', () => {
    const [headline, population, ...rest] = blocksOf(formatSensitivityTable(morrisResult()));
    expect(rest).toEqual([]);
    expect(headline).toBe(sensitivityHeadline(morrisResult()));
    expect(population!.split('\n')[0]).toBe('population in 2035');
    expect(tableRows(population!)).toEqual([
      ['factor', 'mu*', 'sigma', 'mu'],
      ['fit (2 parameters)', '12,300', '0.00123', '-12,300'],
      ['birth_rate', '2.5', '1.25', '0.5'],
    ]);
  });
});

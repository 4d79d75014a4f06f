import type { MorrisResult, PrccResult, SobolResult } from '../../src/analysis/sensitivity-analysis.js';

/** Hand-built sensitivity results, one per method, for the report formatters' tests. */

/** PRCC over 1,200 runs with a joint group left out; entries most important first, p-values across the print cut-offs. */
export function prccResult(): PrccResult {
  return {
    method: 'prcc',
    scenario: 'baseline',
    seed: 42,
    samples: 1200,
    runs: 1200,
    sampling: 'lhs',
    factors: [
      { name: 'birth_rate', parameters: ['birth_rate'] },
      { name: 'death_rate', parameters: ['death_rate'] },
      { name: 'migration', parameters: ['migration'] },
      { name: 'fit', parameters: ['fit_a', 'fit_b'] },
    ],
    leftOut: [{ name: 'fit', parameters: ['fit_a', 'fit_b'] }],
    outputs: [
      {
        variable: 'population',
        year: 2035,
        targets: ['population_2035'],
        parameters: [
          { name: 'death_rate', prcc: -0.8123456789, p_value: 1e-300 },
          { name: 'birth_rate', prcc: 0.4, p_value: 2.34e-5 },
          { name: 'migration', prcc: 0.0001, p_value: 0.5 },
        ],
      },
      {
        variable: 'net_growth_rate',
        year: 2030,
        targets: [],
        parameters: [
          { name: 'migration', prcc: 0.25, p_value: 0.0123 },
          { name: 'birth_rate', prcc: 0.1, p_value: 0.3 },
          { name: 'death_rate', prcc: -0.05, p_value: 0.6 },
        ],
      },
    ],
  };
}

/** Sobol with N = 512 over two factors (one a joint group): 2,048 runs. */
export function sobolResult(): SobolResult {
  return {
    method: 'sobol',
    scenario: 'baseline',
    seed: 7,
    samples: 512,
    runs: 2048,
    sampling: 'random',
    resamples: 200,
    interval: '95% normal interval half-width: 1.96 x the standard deviation of 200 bootstrap resamples',
    factors: [
      { name: 'birth_rate', parameters: ['birth_rate'] },
      { name: 'fit', parameters: ['fit_a', 'fit_b'] },
    ],
    outputs: [
      {
        variable: 'population',
        year: 2035,
        targets: ['population_2035'],
        parameters: [
          {
            name: 'fit',
            members: ['fit_a', 'fit_b'],
            S1: 0.5612345,
            S1_conf: 0.0312,
            ST: 0.6123456789012345,
            ST_conf: 0.04,
          },
          { name: 'birth_rate', S1: 0.3, S1_conf: 0.02, ST: 0.1 + 0.2, ST_conf: 0.025 },
        ],
      },
    ],
  };
}

/** Morris with r = 10 trajectories over two factors: 30 runs, p = 4 levels. */
export function morrisResult(): MorrisResult {
  return {
    method: 'morris',
    scenario: 'baseline',
    seed: 9,
    samples: 10,
    runs: 30,
    levels: 4,
    delta: 2 / 3,
    factors: [
      { name: 'birth_rate', parameters: ['birth_rate'] },
      { name: 'fit', parameters: ['fit_a', 'fit_b'] },
    ],
    outputs: [
      {
        variable: 'population',
        year: 2035,
        targets: [],
        parameters: [
          { name: 'fit', members: ['fit_a', 'fit_b'], mu_star: 12345.678, sigma: 0.001234, mu: -12345.678 },
          { name: 'birth_rate', mu_star: 2.5, sigma: 1.25, mu: 0.5 },
        ],
      },
    ],
  };
}

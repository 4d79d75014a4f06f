import type { SensitivityResult } from '../analysis/sensitivity-analysis.js';
import { formatExact } from './format-number.js';
import { quoteField } from './simulation-csv.js';

/**
 * `sensitivity.csv`: one row per output and input, most important first within each output:
 * `variable,year,rank,parameter` then the method's numbers (`prcc,p_value`; `S1,S1_conf,ST,ST_conf`;
 * `mu_star,sigma,mu`), exact.
 */
export function formatSensitivityCsv(result: SensitivityResult): string {
  const lines: string[] = [];
  const row = (variable: string, year: number, rank: number, name: string, values: readonly number[]): void => {
    lines.push(
      [quoteField(variable), formatExact(year), String(rank), quoteField(name), ...values.map(formatExact)].join(','),
    );
  };
  if (result.method === 'prcc') {
    lines.push('variable,year,rank,parameter,prcc,p_value');
    for (const output of result.outputs)
      output.parameters.forEach((entry, index) =>
        row(output.variable, output.year, index + 1, entry.name, [entry.prcc, entry.p_value]),
      );
  } else if (result.method === 'sobol') {
    lines.push('variable,year,rank,parameter,S1,S1_conf,ST,ST_conf');
    for (const output of result.outputs)
      output.parameters.forEach((entry, index) =>
        row(output.variable, output.year, index + 1, entry.name, [entry.S1, entry.S1_conf, entry.ST, entry.ST_conf]),
      );
  } else {
    lines.push('variable,year,rank,parameter,mu_star,sigma,mu');
    for (const output of result.outputs)
      output.parameters.forEach((entry, index) =>
        row(output.variable, output.year, index + 1, entry.name, [entry.mu_star, entry.sigma, entry.mu]),
      );
  }
  return `${lines.join('\n')}\n`;
}

import Table from 'cli-table3';
import type { SensitivityOutput, SensitivityResult } from '../analysis/sensitivity-analysis.js';
import { formatNumber } from './format-number.js';
import { compactRows } from './simulation-table.js';

const samplingWords = { lhs: 'Latin hypercube', random: 'random' } as const;

/** An index to three decimals (no `-0.000`); a p-value to three decimals, or in scientific notation below 0.001. */
const index = (value: number): string => (Math.abs(value) < 0.0005 ? 0 : value).toFixed(3);
/** An elementary effect in output units, to three significant digits. */
const effect = (value: number): string => formatNumber(Number(value.toPrecision(3)));
// Under 1e-16 the digits add nothing for a reader, and 0 would be underflow, not certainty.
const pValue = (value: number): string =>
  value < 1e-16 ? '< 1e-16' : value < 0.001 ? value.toExponential(1) : value.toFixed(3);

/** The line that says how the numbers were made. */
export function sensitivityHeadline(result: SensitivityResult): string {
  const runs = `${result.runs.toLocaleString('en-US')} runs, seed ${result.seed}`;
  if (result.method === 'prcc')
    return `PRCC (partial rank correlation) for ${result.scenario}: ${runs}, ${samplingWords[result.sampling]} sampling (the scenario's own Monte Carlo runs); p-values from Student's t`;
  if (result.method === 'sobol') {
    return `Sobol indices for ${result.scenario}: N = ${result.samples.toLocaleString('en-US')} base samples x (${result.factors.length} factors + 2) = ${runs}, ${samplingWords[result.sampling]} sampling; S1 Saltelli 2010, ST Jansen; ± is the ${result.interval}`;
  }
  return `Morris elementary effects for ${result.scenario}: r = ${result.samples} trajectories x (${result.factors.length} factors + 1) = ${runs}; p = ${result.levels} levels, step Δ = ${result.delta.toFixed(3)} of each factor's grid; effects in output units per whole grid`;
}

/** A factor's name with its size when it is a joint group. */
const factorText = (name: string, members?: readonly string[]): string =>
  members === undefined ? name : `${name} (${members.length} parameters)`;

/**
 * What `sensitivity` prints: a headline with the design, then for each output (variable and year,
 * with the targets there) a table of its inputs, most important first.
 */
export function formatSensitivityTable(result: SensitivityResult): string {
  const blocks = [sensitivityHeadline(result)];
  if (result.method === 'prcc' && result.leftOut.length > 0) {
    blocks.push(
      `note: ${result.leftOut.map((factor) => `${factor.name} (${factor.parameters.length} parameters drawn together)`).join(', ')} varies in the runs but is not rank-correlated: its members do not rise with its shared draw; --method sobol or morris ranks it as one factor`,
    );
  }
  const section = (output: SensitivityOutput<unknown>, head: string[], rows: string[][]): string => {
    const targets = output.targets.length === 0 ? '' : ` (target ${output.targets.join(', ')})`;
    const constant = output.constant === true ? ': the same in every run, so no input moves it' : '';
    const table = new Table({
      head,
      colAligns: ['left', ...head.slice(1).map(() => 'right' as const)],
      style: { head: [], border: [] },
      chars: compactRows,
    });
    table.push(...rows);
    return `${output.variable} in ${output.year}${targets}${constant}\n${table.toString()}`;
  };
  if (result.method === 'prcc') {
    for (const output of result.outputs)
      blocks.push(
        section(
          output,
          ['parameter', 'PRCC', 'p-value'],
          output.parameters.map((entry) => [entry.name, index(entry.prcc), pValue(entry.p_value)]),
        ),
      );
  } else if (result.method === 'sobol') {
    for (const output of result.outputs) {
      blocks.push(
        section(
          output,
          ['factor', 'S1', '±', 'ST', '±'],
          output.parameters.map((entry) => [
            factorText(entry.name, entry.members),
            index(entry.S1),
            index(entry.S1_conf),
            index(entry.ST),
            index(entry.ST_conf),
          ]),
        ),
      );
    }
  } else {
    for (const output of result.outputs) {
      blocks.push(
        section(
          output,
          ['factor', 'mu*', 'sigma', 'mu'],
          output.parameters.map((entry) => [
            factorText(entry.name, entry.members),
            effect(entry.mu_star),
            effect(entry.sigma),
            effect(entry.mu),
          ]),
        ),
      );
    }
  }
  return `${blocks.join('\n\n')}\n`;
}

import Table from 'cli-table3';
import { parseLever, type LeverSolution } from '../analysis/solve-lever.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { formatNumber } from './format-number.js';
import { conditionText } from './internal/chart-parts.js';
import { quantityFormat } from './quantity-format.js';
import { compactRows } from './simulation-table.js';
import { variableLabel } from './variable-label.js';

const samplingWords = { lhs: 'Latin hypercube', random: 'random' } as const;

/** A share as a percentage with up to two decimals (runs are counted, so 89.99% must not read as 90%). */
const percent = (probability: number): string => `${(probability * 100).toFixed(2)}%`;

/** The asked probability as written: 0.9 is 90%. */
const asked = (probability: number): string => `${Number((probability * 100).toPrecision(10))}%`;

/** Where the searched range came from, said beside it. */
export type RangeSource = 'given' | 'declared' | 'policy-default';

const rangeWords: Record<RangeSource, string> = {
  given: '--range',
  declared: "the parameter's declared min and max",
  'policy-default': 'the default for a policy scale: off to three times the policy',
};

/**
 * What to try when the range's better end falls short: a wider `--range` only while the declared range
 * of a parameter lever has room beyond that end (solve refuses a range outside it); at the declared
 * bound, widening it in the model file, if the model is meant to run there.
 */
function widenAdvice(solution: LeverSolution, scenario: ScenarioSpec, end: 'upper' | 'lower'): string {
  const others = `${solution.targets.length > 1 ? ', ask for fewer targets' : ''} or ask for a lower --probability`;
  const lever = parseLever(solution.lever);
  const parameter =
    lever.kind === 'parameter'
      ? scenario.model.parameters.find((candidate) => candidate.name === lever.name)
      : undefined;
  const bound = end === 'upper' ? parameter?.max : parameter?.min;
  const atBound = bound !== undefined && (end === 'upper' ? solution.range[1] >= bound : solution.range[0] <= bound);
  if (!atBound) {
    const beyond =
      bound === undefined ? '' : ` (up to the declared ${end === 'upper' ? 'max' : 'min'}, ${formatNumber(bound)})`;
    return `widen --range at its ${end} end${beyond}${others}`;
  }
  return `the range already reaches ${lever.name}'s declared ${end === 'upper' ? 'max' : 'min'} (${formatNumber(bound)}), and solve searches no further: widen min/max in the model file only if the model holds there; otherwise try another lever${others}`;
}

/** A policy scale in the policy's own terms: each point as written and as scaled. */
function policyScaleLines(leverText: string, scale: number, scenario: ScenarioSpec): string[] {
  const lever = parseLever(leverText);
  if (lever.kind !== 'policy') return [];
  const policy = scenario.policies.find((candidate) => candidate.name === lever.name);
  if (policy === undefined) return [];
  const unit = variableLabel(scenario.model, policy.name).unit;
  const values = policy.points.flatMap((point) => [point.value, point.value * scale]);
  const format = quantityFormat(policy.name, unit, values);
  const points = policy.points
    .map((point) => `${point.time}: ${format.format(point.value)} → ${format.format(point.value * scale)}`)
    .join(', ');
  return [
    `  in ${policy.name}'s own terms (every point x ${formatNumber(scale)}, ${policy.interpolate}): ${points}${format.unitShort === '' && unit !== undefined ? ` (${unit})` : ''}`,
  ];
}

/**
 * `kechuang solve`'s report: what was asked (lever, targets with their conditions, probability, range,
 * tolerance, the common random numbers), the answer or why there is none, the runs spent, and every
 * trial in lever order.
 */
export function formatSolveTable(solution: LeverSolution, scenario: ScenarioSpec, rangeSource: RangeSource): string {
  const lines: string[] = [];
  const lever = solution.lever;
  lines.push(
    `solve ${lever} in ${solution.scenario}: ${solution.targets.join(' and ')} with probability ≥ ${asked(solution.required)}${solution.targets.length > 1 ? ' (all in the same run)' : ''}`,
  );
  for (const id of solution.targets) {
    const target = scenario.targets.find((candidate) => candidate.id === id);
    if (target === undefined) continue;
    const format = quantityFormat(target.variable, variableLabel(scenario.model, target.variable).unit, [
      target.threshold,
    ]);
    lines.push(`  target ${id}: ${target.variable} ${conditionText(target, format)}`);
  }
  const [min, max] = solution.range;
  lines.push(
    `  range ${formatNumber(min)} to ${formatNumber(max)} (${rangeWords[rangeSource]}), tolerance ${formatNumber(solution.tolerance)}`,
  );
  lines.push(
    `  common random numbers: seed ${solution.seed}, the same ${solution.runsPerTrial.toLocaleString('en-US')} runs at every value (${samplingWords[solution.sampling]} sampling)`,
  );
  lines.push('');
  // The first two trials are the range's ends: equal there, the lever may not move the targets at all.
  const flat = solution.trials.length >= 2 && solution.trials[0]!.probability === solution.trials[1]!.probability;
  const trend = flat
    ? 'the probability is the same at both ends'
    : `the probability ${solution.direction === 'rising' ? 'rises' : 'falls'} with the lever`;
  if (solution.value === null && flat) {
    lines.push(
      `not reachable in the range: the probability is ${percent(solution.probability)} at both ends, below ${asked(solution.required)}`,
    );
    lines.push(
      `  ${lever} may not move ${solution.targets.length > 1 ? 'these targets' : 'this target'}: try another lever, a wider --range or a lower --probability`,
    );
  } else if (solution.value === null) {
    const end = solution.bestAt === max ? 'upper' : 'lower';
    lines.push(
      `not reachable in the range: the best probability is ${percent(solution.probability)}, at the ${end} end (${lever} = ${formatNumber(solution.bestAt ?? min)}), below ${asked(solution.required)}`,
    );
    lines.push(`  ${widenAdvice(solution, scenario, end)}`);
  } else {
    const which = solution.direction === 'rising' ? 'smallest' : 'largest';
    const atEnd =
      solution.iterations === 0
        ? `; met already at the ${solution.direction === 'rising' ? 'lower' : 'upper'} end of the range`
        : `, to within ${formatNumber(solution.tolerance)}`;
    lines.push(`${lever} = ${formatNumber(solution.value)}: probability ${percent(solution.probability)}`);
    lines.push(`  the ${which} value meeting ${asked(solution.required)} (${trend})${atEnd}`);
    lines.push(...policyScaleLines(solution.lever, solution.value, scenario));
  }
  lines.push(
    `  ${solution.trials.length} trials x ${solution.runsPerTrial.toLocaleString('en-US')} runs = ${solution.runs.toLocaleString('en-US')} model runs in ${solution.wallSeconds.toFixed(1)} s`,
  );
  const table = new Table({
    head: [lever, 'probability', 'meets'],
    colAligns: ['right', 'right', 'left'],
    style: { head: [], border: [] },
    chars: compactRows,
  });
  for (const trial of [...solution.trials].sort((left, right) => left.value - right.value)) {
    table.push([
      formatNumber(trial.value),
      percent(trial.probability),
      trial.probability >= solution.required ? 'yes' : 'no',
    ]);
  }
  return `${lines.join('\n')}\n\n${table.toString()}\n`;
}

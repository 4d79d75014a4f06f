import Table from 'cli-table3';
import type { Discovery, DiscoveryTarget } from '../analysis/discover-scenarios.js';
import type { PrimBox, PrimRestriction } from '../analysis/prim-box.js';
import { messages } from '../diagnostics/messages.js';
import { compactRows } from './simulation-table.js';

const samplingWords = { lhs: 'Latin hypercube', random: 'random' } as const;
const opWord: Record<DiscoveryTarget['op'], string> = { '>=': '≥', '<=': '≤' };
const boundFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4, useGrouping: false });

/** `value` rounded to four significant digits in the direction given (a scaled value within 1e-9 of a whole number counts as whole). */
function roundBound(value: number, rounding: 'down' | 'up' | 'nearest'): number {
  if (value === 0 || rounding === 'nearest') return value;
  const scale = 10 ** (3 - Math.floor(Math.log10(Math.abs(value))));
  const scaled = value * scale;
  const whole = Math.round(scaled);
  if (Math.abs(scaled - whole) < 1e-9) return whole / scale;
  return (rounding === 'down' ? Math.floor(scaled) : Math.ceil(scaled)) / scale;
}

const percent = (share: number): string => `${Math.round(share * 100)}%`;

/** A bound as people read it: four significant digits (rounded `down`, `up` or to the nearest), scientific when tiny or huge. */
export function formatBound(value: number, rounding: 'down' | 'up' | 'nearest' = 'nearest'): string {
  const magnitude = Math.abs(value);
  return magnitude !== 0 && (magnitude >= 1e9 || magnitude < 1e-4)
    ? value.toExponential(3)
    : boundFormat.format(roundBound(value, rounding));
}

/** `x ≤ 0.3`, `x ≥ 0.6` or `0.2 ≤ x ≤ 0.6`; bounds rounded outwards, so the printed range holds the box. */
export function restrictionText(restriction: PrimRestriction): string {
  const { name, min, max } = restriction;
  if (min !== null && max !== null) return `${formatBound(min, 'down')} ≤ ${name} ≤ ${formatBound(max, 'up')}`;
  if (min !== null) return `${name} ≥ ${formatBound(min, 'down')}`;
  return `${name} ≤ ${formatBound(max ?? Infinity, 'up')}`;
}

const targetText = (target: DiscoveryTarget): string =>
  `${target.id} (${target.variable} ${opWord[target.op]} ${formatBound(target.threshold)} in ${target.year})`;

/** What the class is called: "misses" or "runs meeting the targets". */
const classWords = (discovery: Discovery): string =>
  discovery.class === 'missed'
    ? 'misses'
    : discovery.targets.length === 1
      ? 'runs meeting it'
      : 'runs meeting them all';

/** The box in one line: `a ≤ 0.047 and b ≥ 0.09: 81% of misses, density 0.92`. */
export function boxLine(box: PrimBox, discovery: Discovery): string {
  const ranges =
    box.restrictions.length === 0
      ? 'anywhere (no input range separates them)'
      : box.restrictions.map(restrictionText).join(' and ');
  return `${ranges}: ${percent(box.coverage)} of ${classWords(discovery)}, density ${box.density.toFixed(2)} (${percent(box.mass)} of runs)`;
}

/** About eight steps of the trajectory spread from the first to the last, with the chosen one. */
function shownSteps(stepCount: number, chosen: number): number[] {
  const picks = new Set<number>([chosen]);
  const shown = Math.min(stepCount, 8);
  for (let index = 0; index < shown; index++) picks.add(Math.round((index * (stepCount - 1)) / Math.max(1, shown - 1)));
  return [...picks].sort((a, b) => a - b);
}

/**
 * What `discover` prints: the question (targets, class, runs), the box in one line, the trajectory's
 * trade-off between coverage and density at a few steps, the bounds dropped as not mattering, and a
 * note for the members of a joint group; or, when no run or every run is in the class, that there is
 * nothing to discover.
 */
export function formatPrimTable(discovery: Discovery): string {
  const lines: string[] = [];
  const subject =
    discovery.targets.length === 1
      ? `target ${discovery.targets[0]!.id}`
      : `targets ${discovery.targets.map((target) => target.id).join(', ')}`;
  lines.push(
    `discover: scenario ${discovery.scenario}, ${discovery.class === 'missed' ? (discovery.targets.length === 1 ? 'runs missing' : 'runs missing any of') : 'runs meeting'} ${discovery.targets.map(targetText).join(', ')}`,
  );
  lines.push(
    `${discovery.runs.toLocaleString('en-US')} runs (seed ${discovery.seed}, ${samplingWords[discovery.sampling]} sampling): ${discovery.classCount.toLocaleString('en-US')} ${discovery.class === 'missed' ? 'miss' : 'meet'} (${((100 * discovery.classCount) / discovery.runs).toFixed(1)}%)`,
  );
  const { box, peeledBox, chosenStep } = discovery;
  if (box === null || peeledBox === null || chosenStep === null) {
    const allMet = (discovery.classCount === 0) === (discovery.class === 'missed');
    const nothing = messages.nothingToDiscover(subject, allMet ? 'met' : 'missed', discovery.runs);
    lines.push(nothing.message, `hint: ${nothing.hint ?? ''}`);
    return `${lines.join('\n')}\n`;
  }
  lines.push('', `box: ${boxLine(box, discovery)}`, '');
  const { peelAlpha, minMass, minCoverage } = discovery.options;
  const table = new Table({
    head: ['step', 'coverage', 'density', 'mass', 'inputs bounded'],
    colAligns: ['right', 'right', 'right', 'right', 'right'],
    style: { head: [], border: [] },
    chars: compactRows,
  });
  for (const index of shownSteps(discovery.trajectory.length, chosenStep)) {
    const step = discovery.trajectory[index]!;
    table.push([
      index === chosenStep ? `${index} *` : String(index),
      percent(step.coverage),
      step.density.toFixed(2),
      percent(step.mass),
      String(step.restrictionCount),
    ]);
  }
  lines.push(
    `peeling trajectory (${peelAlpha} of the box's runs a step, down to ${percent(minMass)} of runs; * = chosen: the densest with coverage ≥ ${percent(minCoverage)}):`,
  );
  lines.push(table.toString());
  const dropped = peeledBox.restrictions.filter((restriction) => {
    const now = box.restrictions.find((candidate) => candidate.name === restriction.name);
    return now === undefined || now.min !== restriction.min || now.max !== restriction.max;
  });
  if (dropped.length > 0) {
    lines.push(
      `bounds dropped as not mattering (density within ${(discovery.dropTolerance ?? 0).toFixed(3)} without them): ${dropped.map(restrictionText).join(', ')}; before dropping: density ${peeledBox.density.toFixed(2)}, coverage ${percent(peeledBox.coverage)}`,
    );
  }
  if (discovery.excluded.length > 0)
    lines.push(`not bounded (--exclude), though they vary: ${discovery.excluded.join(', ')}`);
  const joint = new Map<string, number>();
  for (const input of discovery.inputs)
    if (input.joint !== undefined) joint.set(input.joint, (joint.get(input.joint) ?? 0) + 1);
  for (const [group, memberCount] of joint) {
    const inBox = discovery.jointRows.find((entry) => entry.group === group);
    const kept =
      inBox === undefined
        ? 'the box bounds none of them'
        : `the box keeps ${inBox.rowsInBox} of the ${inBox.rowCount} rows`;
    lines.push(
      `note: the ${memberCount} parameters of joint group '${group}' take the same row of their joint sample (e.g. a calibration refit) in each run, so a bound on one of them selects rows: ${kept}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

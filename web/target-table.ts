import type { ExploreConfig } from '../src/explore/explore-protocol.js';
import type { TargetSummary } from '../src/experiment/scenario-summary.js';
import { formatQuantity, formatShare, formatValue } from './format-value.js';
import type { Language, PageStrings } from './strings.js';

const cell = (tag: 'td' | 'th', text: string, className?: string): HTMLElement => {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
};

/**
 * The targets as a table: the condition, the probability of meeting it (beside the baseline's when
 * compared), the variable's P5/P50/P95 in the target's year, and the median year it is first met.
 */
export function renderTargetTable(
  table: HTMLTableElement,
  targets: readonly TargetSummary[],
  baseline: readonly TargetSummary[] | undefined,
  config: Pick<ExploreConfig, 'targetFormats' | 'targetLabels'>,
  strings: PageStrings,
  language: Language,
): void {
  const head = document.createElement('tr');
  head.append(
    cell('th', strings.target),
    cell('th', strings.condition),
    cell('th', strings.probability),
    ...(baseline === undefined ? [] : [cell('th', strings.baselineProbability)]),
    cell('th', strings.atYear),
    cell('th', strings.firstMet),
  );
  const rows = targets.map((target, index) => {
    const format = config.targetFormats[target.id]!;
    const labels = config.targetLabels[target.id];
    const label = (language === 'zh' ? labels?.labelZh : undefined) ?? labels?.label ?? target.variable;
    const row = document.createElement('tr');
    row.dataset.target = target.id;
    const before = baseline?.[index];
    const firstMet = target.firstMet.p50 === null ? strings.never : String(target.firstMet.p50);
    row.append(
      cell('th', target.id),
      cell(
        'td',
        `${label} ${target.op === '>=' ? '≥' : '≤'} ${formatQuantity(target.threshold, format)} (${target.year})`,
      ),
      cell('td', formatShare(target.probability), 'prob'),
      ...(baseline === undefined
        ? []
        : [cell('td', before === undefined ? '' : formatShare(before.probability), 'prob baseline')]),
      cell('td', [target.p5, target.p50, target.p95].map((value) => formatValue(value, format)).join(' / ')),
      cell('td', firstMet),
    );
    return row;
  });
  table.replaceChildren(head, ...rows);
}

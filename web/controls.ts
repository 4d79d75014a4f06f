import type { ControlGroup, ExploreControl } from '../src/explore/explore-protocol.js';
import type { Language, PageStrings } from './strings.js';

/** The view's changes from the opened scenario, as typed: parameter values and policy scales. */
export interface ControlState {
  values: Map<string, string>;
  scales: Map<string, string>;
}

const groups: readonly ControlGroup[] = ['policy', 'set', 'sampled', 'model'];

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

const labelOf = (control: ExploreControl, language: Language): string =>
  (language === 'zh' ? control.labelZh : undefined) ?? control.label;

/** The hover text of a control: what it is, its unit and its range, and its distribution when sampled. */
function hoverText(control: ExploreControl, strings: PageStrings): string {
  const range = control.rangeDeclared ? `${strings.range} [${control.min}, ${control.max}]` : strings.noRange;
  return [
    control.doc,
    control.unit === undefined ? undefined : `${strings.unit}: ${control.unit}`,
    range,
    control.distribution === undefined ? undefined : `${strings.sampled}: ${control.distribution}`,
  ]
    .filter((part) => part !== undefined)
    .join('\n');
}

/**
 * Draw a slider with a typed box for every control, grouped as the server groups them, and call
 * `onChange` whenever one moves, is typed into, or goes back to the scenario's value. The state keeps
 * what was typed, as typed: the server checks it, as `--set` would.
 */
export function renderControls(
  container: HTMLElement,
  controls: readonly ExploreControl[],
  state: ControlState,
  strings: PageStrings,
  language: Language,
  onChange: () => void,
): void {
  container.replaceChildren();
  for (const group of groups) {
    const members = controls.filter((control) => control.group === group);
    if (members.length === 0) continue;
    const fieldset = element('fieldset', { class: `group group-${group}` });
    fieldset.append(element('legend', {}, strings.groups[group]));
    for (const control of members) fieldset.append(controlRow(control, state, strings, language, onChange));
    container.append(fieldset);
  }
}

function controlRow(
  control: ExploreControl,
  state: ControlState,
  strings: PageStrings,
  language: Language,
  onChange: () => void,
): HTMLElement {
  const held = control.kind === 'policy-scale' ? state.scales : state.values;
  const id = `control-${control.name}`;
  const row = element('div', { class: 'control', 'data-name': control.name, title: hoverText(control, strings) });
  const label = element('label', { for: id });
  const shown = labelOf(control, language);
  if (shown !== control.name) label.append(element('span', { class: 'label' }, shown), ' ');
  label.append(
    element('code', {}, control.kind === 'policy-scale' ? `${control.name} × ${strings.policyScale}` : control.name),
  );
  if (control.distribution !== undefined)
    label.append(element('span', { class: 'badge sampled', title: control.distribution }, strings.sampled));
  if (control.calibrated) label.append(element('span', { class: 'badge calibrated' }, strings.calibrated));
  if (control.group === 'set') label.append(element('span', { class: 'badge fixed' }, strings.fixed));
  const slider = element('input', {
    type: 'range',
    id,
    min: String(control.min),
    max: String(control.max),
    step: String(control.step),
    'aria-label': labelOf(control, language),
  });
  const typed = element('input', {
    type: 'text',
    class: 'typed',
    inputmode: 'decimal',
    'aria-label': `${labelOf(control, language)} (${control.name})`,
  });
  const reset = element('button', { type: 'button', class: 'reset', title: strings.reset }, '↺');
  const meta = element(
    'div',
    { class: 'meta' },
    [control.unit, control.rangeDeclared ? `[${control.min}, ${control.max}]` : strings.noRange]
      .filter((part) => part !== undefined && part !== '')
      .join(' · '),
  );
  const show = (text: string | undefined): void => {
    const shown = text ?? String(control.value);
    typed.value = shown;
    slider.value = Number.isFinite(Number(shown)) ? shown : String(control.value);
    row.classList.toggle('changed', text !== undefined);
  };
  show(held.get(control.name));
  slider.addEventListener('input', () => {
    held.set(control.name, slider.value);
    show(slider.value);
    onChange();
  });
  typed.addEventListener('change', () => {
    held.set(control.name, typed.value);
    show(typed.value);
    onChange();
  });
  reset.addEventListener('click', () => {
    held.delete(control.name);
    show(undefined);
    onChange();
  });
  const inputs = element('div', { class: 'inputs' });
  inputs.append(slider, typed, reset);
  row.append(label, inputs, meta);
  return row;
}

import { savedElements, type ModelSpec } from '../model/model-spec.js';

/** How a report names a model variable: in English and, where the model gives it, in Chinese. */
export interface VariableLabel {
  name: string;
  /** `label`, else the name as the file writes it, else the identifier. */
  english: string;
  /** `label_zh`, when the model gives one. */
  chinese: string | undefined;
  unit: string | undefined;
  doc: string | undefined;
}

/** The label of a stock, flow, aux or saved parameter; a name the model lacks is labelled by itself. */
export function variableLabel(model: ModelSpec, name: string): VariableLabel {
  const element =
    savedElements(model).find((candidate) => candidate.name === name) ??
    model.parameters.find((candidate) => candidate.name === name);
  if (element === undefined) return { name, english: name, chinese: undefined, unit: undefined, doc: undefined };
  return {
    name,
    english: element.label ?? element.displayName ?? name,
    chinese: element.labelZh,
    unit: element.unit,
    doc: element.doc,
  };
}

/** `Population · 人口`, or the English alone. */
export function labelText(label: VariableLabel): string {
  return label.chinese === undefined ? label.english : `${label.english} · ${label.chinese}`;
}

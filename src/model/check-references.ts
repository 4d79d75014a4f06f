import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Message } from '../diagnostics/messages.js';
import { messages } from '../diagnostics/messages.js';
import { suggestName } from '../diagnostics/suggest-name.js';
import { builtinConstants, builtinSignatures } from './builtin-signatures.js';
import { walkExpression } from './expression.js';

import type { ElementSpec, Equation, ModelSpec } from './model-spec.js';
import { elementPath, kindWord, locateField, locateInEquation, modelElements } from './model-spec.js';

function describeArity(minArgs: number, maxArgs: number): string {
  if (minArgs === maxArgs) return `${minArgs} argument${minArgs === 1 ? '' : 's'}`;
  if (maxArgs === Infinity) return `at least ${minArgs} arguments`;
  return `${minArgs} to ${maxArgs} arguments`;
}

/**
 * Check a model's names and references: duplicates across sections, names that equations read but
 * nobody defines, calls to unknown functions or with the wrong argument count, flows not attached
 * to a stock, and parameter values outside their declared range.
 */
export function checkReferences(model: ModelSpec): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const elements = modelElements(model);
  const byName = new Map<string, ElementSpec>();
  for (const element of elements) {
    const first = byName.get(element.name);
    if (first === undefined) byName.set(element.name, element);
    else
      diagnostics.push({
        ...element.location,
        severity: 'error',
        field: elementPath(element),
        ...messages.duplicateName(element.name, kindWord[first.kind], first.location.line),
      });
  }
  const valueNames = elements.filter((element) => element.kind !== 'lookup').map((element) => element.name);

  const checkEquation = (owner: string, equation: Equation, field: string): void => {
    const report = (offset: number, message: Message): void => {
      diagnostics.push({ ...locateInEquation(equation, offset), severity: 'error', field, ...message });
    };
    walkExpression(equation.expression, (node) => {
      if ((node.kind === 'reference' || node.kind === 'call') && node.subscripts !== undefined) {
        report(node.offset, messages.notAnArray(node.name));
        return;
      }
      if (node.kind === 'reference') {
        const target = byName.get(node.name);
        if (target === undefined && !builtinConstants.includes(node.name)) {
          report(node.offset, messages.unknownVariable(node.name, suggestName(node.name, valueNames, owner)));
        } else if (target?.kind === 'lookup') {
          report(node.offset, messages.invalidValue(`lookup '${node.name}' must be called: ${node.name}(x)`));
        }
      } else if (node.kind === 'call') {
        const builtin = builtinSignatures.get(node.name);
        const target = byName.get(node.name);
        if (builtin !== undefined) {
          if (node.args.length < builtin.minArgs || node.args.length > builtin.maxArgs)
            report(
              node.offset,
              messages.wrongArgumentCount(node.name, describeArity(builtin.minArgs, builtin.maxArgs), node.args.length),
            );
        } else if (target?.kind === 'lookup') {
          if (node.args.length !== 1)
            report(node.offset, messages.wrongArgumentCount(node.name, '1 argument', node.args.length));
        } else {
          const lookups = model.lookups.map((lookup) => lookup.name);
          report(node.offset, messages.unknownFunction(node.name, [...builtinSignatures.keys(), ...lookups]));
        }
      }
    });
  };

  for (const stock of model.stocks) checkEquation(stock.name, stock.initial, `stocks.${stock.name}.initial`);
  for (const flow of model.flows) checkEquation(flow.name, flow.equation, `flows.${flow.name}.equation`);
  for (const aux of model.auxiliaries) checkEquation(aux.name, aux.equation, `auxiliaries.${aux.name}.equation`);

  const attached = new Set<string>();
  for (const stock of model.stocks) {
    const seen = new Set<string>();
    for (const [role, names] of [
      ['inflows', stock.inflows],
      ['outflows', stock.outflows],
    ] as const) {
      names.forEach((flowName, index) => {
        const field = `stocks.${stock.name}.${role}`;
        const at = locateField(model, `${field}[${index}]`);
        const target = byName.get(flowName);
        if (target?.kind !== 'flow') {
          diagnostics.push({
            ...at,
            severity: 'error',
            field,
            ...messages.notAFlow(flowName, target === undefined ? undefined : kindWord[target.kind]),
          });
          return;
        }
        if (seen.has(flowName))
          diagnostics.push({ ...at, severity: 'error', field, ...messages.flowAttachedTwice(flowName, stock.name) });
        seen.add(flowName);
        attached.add(flowName);
      });
    }
  }
  for (const flow of model.flows) {
    if (!attached.has(flow.name))
      diagnostics.push({
        ...flow.location,
        severity: 'error',
        field: `flows.${flow.name}`,
        ...messages.flowNotAttached(flow.name),
      });
  }

  for (const parameter of model.parameters) {
    const below = parameter.min !== undefined && parameter.value < parameter.min;
    const above = parameter.max !== undefined && parameter.value > parameter.max;
    if (below || above)
      diagnostics.push({
        ...locateField(model, `parameters.${parameter.name}.value`),
        severity: 'error',
        field: `parameters.${parameter.name}.value`,
        ...messages.parameterOutOfRange(parameter.name, parameter.value, parameter.min, parameter.max),
      });
  }
  return diagnostics;
}

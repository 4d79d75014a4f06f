import { minimumFitPoints, observedPointCount } from '../analysis/calibrate-scenario.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { messages } from '../diagnostics/messages.js';
import { locateField, type ModelSpec } from '../model/model-spec.js';
import { loadModelHistory } from './read-model-history.js';

/**
 * What a model needs beyond itself: its data file readable and well formed (reports and calibrate
 * read it), and, when it marks parameters `calibrate: true`, enough observed values to fit them.
 */
export function checkModelData(model: ModelSpec): Diagnostic[] {
  const history = loadModelHistory(model);
  if (!history.ok) return history.diagnostics;
  if (history.value === undefined || !model.parameters.some((parameter) => parameter.calibrate === true)) return [];
  const pointCount = observedPointCount(model, history.value);
  if (pointCount >= minimumFitPoints) return [];
  const until = model.time.stop;
  return [
    {
      ...locateField(model, 'data'),
      severity: 'error',
      field: 'data',
      ...messages.tooFewFitPoints(pointCount, minimumFitPoints, until),
    },
  ];
}

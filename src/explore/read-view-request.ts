import { defaultPolicyScaleRange } from '../analysis/solve-lever.js';
import { InputError } from '../diagnostics/input-error.js';
import { messages } from '../diagnostics/messages.js';
import { suggestName } from '../diagnostics/suggest-name.js';
import { readOverrides } from '../scenario/read-overrides.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import type { ViewRequest } from './explore-protocol.js';

/** A view's changes from the opened scenario, checked. */
export interface ViewValues {
  /** Fixed parameter values, by name, as `--set` would fix them. */
  values: Map<string, number>;
  /** Policy scales by policy name (1 is the scenario's own path). */
  scales: Map<string, number>;
  /** The fixed values as `name=value` words for `--set`, as typed. */
  set: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A record of `name: "number"` (numbers accepted too), or an input error naming the field. */
function readTexts(body: Record<string, unknown>, field: 'values' | 'scales'): Map<string, string> {
  const texts = new Map<string, string>();
  const value = body[field] ?? {};
  if (!isRecord(value)) throw new InputError(field, messages.exploreRequest(`${field} must be an object`));
  for (const [name, entry] of Object.entries(value)) {
    if (typeof entry !== 'string' && typeof entry !== 'number')
      throw new InputError(name, messages.exploreRequest(`${field}.${name} must be a number as text`));
    texts.set(name, String(entry).trim());
  }
  return texts;
}

/**
 * Read the values a view asks for, by the rules `--set` follows (a parameter of the model, a finite
 * number within the parameter's declared range) plus the explore page's own: a policy's parameter is
 * moved through the policy's scale, a finite number in [0, 3] for a policy of the scenario.
 * @throws InputError naming the parameter or policy (or the request's field) and what is wrong.
 */
export function readViewValues(scenario: ScenarioSpec, body: Record<string, unknown>): ViewValues {
  const policies = scenario.policies.map((policy) => policy.name);
  const values = new Map<string, number>();
  const set: string[] = [];
  for (const [name, text] of readTexts(body, 'values')) {
    if (policies.includes(name)) throw new InputError(name, messages.explorePolicyParameter(name));
    const written = `${name}=${text}`;
    try {
      for (const [read, value] of readOverrides(scenario.model, [written])) values.set(read, value);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      throw new InputError(`${name} = ${text}`, error.detail);
    }
    set.push(written);
  }
  const scales = new Map<string, number>();
  const [min, max] = defaultPolicyScaleRange;
  for (const [name, text] of readTexts(body, 'scales')) {
    if (!policies.includes(name))
      throw new InputError(name, messages.exploreUnknownPolicy(name, suggestName(name, policies), policies));
    const scale = text === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(scale)) throw new InputError(`${name} = ${text}`, messages.invalidOverride(`${name}=${text}`));
    if (scale < min || scale > max) throw new InputError(name, messages.explorePolicyScale(name, scale, min, max));
    scales.set(name, scale);
  }
  return { values, scales, set };
}

/**
 * A view request's session and sequence number, checked; its values are read by `readViewValues`.
 * @throws InputError when the body is not a view request.
 */
export function readViewRequest(body: unknown): Pick<ViewRequest, 'session' | 'sequence'> & Record<string, unknown> {
  if (!isRecord(body)) throw new InputError('request', messages.exploreRequest('the body must be a JSON object'));
  const { session, sequence } = body;
  if (typeof session !== 'string' || session === '')
    throw new InputError('session', messages.exploreRequest('session must be the text the event stream gave'));
  if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence) || sequence < 0)
    throw new InputError('sequence', messages.exploreRequest('sequence must be a whole number of at least 0'));
  return { ...body, session, sequence };
}

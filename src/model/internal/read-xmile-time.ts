import { messages } from '../../diagnostics/messages.js';
import type { TimeSpec } from '../model-spec.js';
import { attributeOf, childNamed, localName, type XmlElement } from './xml-tree.js';
import type { XmileReader } from './xmile-reader.js';

/**
 * Read `<sim_specs>`: start, stop, dt (`reciprocal="true"` means 1/dt; default 1), method (Euler or
 * RK4), a save step (`<savestep>`), and time units. A model's own sim_specs override the file's.
 */
export function readXmileTime(
  reader: XmileReader,
  root: XmlElement,
  model: XmlElement | undefined,
): TimeSpec | undefined {
  const specs = (model === undefined ? undefined : childNamed(model, 'sim_specs')) ?? childNamed(root, 'sim_specs');
  if (specs === undefined) {
    reader.report(
      root.location,
      'time',
      messages.missingField('sim_specs', '<sim_specs> with <start>, <stop> and <dt>'),
    );
    return undefined;
  }
  reader.locations.set('time', specs.location);
  const read = (name: string, field: string): number | undefined => {
    const element = childNamed(specs, name);
    if (element === undefined) return undefined;
    reader.locations.set(field, element.contentLocation);
    return reader.number(element, field);
  };
  const start = read('start', 'time.start');
  const stop = read('stop', 'time.stop');
  const dtElement = childNamed(specs, 'dt');
  let dt = read('dt', 'time.dt') ?? (dtElement === undefined ? 1 : undefined);
  if (dt !== undefined && dtElement !== undefined && attributeOf(dtElement, 'reciprocal')?.toLowerCase() === 'true')
    dt = 1 / dt;
  const saveElement = childNamed(specs, 'savestep') ?? childNamed(specs, 'save_step');
  const saveAttribute = attributeOf(specs, 'save_interval') ?? attributeOf(specs, 'savestep');
  const saveEvery =
    saveElement !== undefined
      ? read(localName(saveElement), 'time.save_every')
      : saveAttribute === undefined
        ? undefined
        : Number(saveAttribute);
  const methodText = (attributeOf(specs, 'method') ?? 'euler').trim().toLowerCase();
  if (methodText !== 'euler' && methodText !== 'rk4') {
    reader.report(
      specs.location,
      'time.method',
      messages.xmileUnsupported('sim_specs', `the integration method '${methodText}' (Euler and RK4 are supported)`),
    );
    return undefined;
  }
  if (start === undefined || stop === undefined || dt === undefined) {
    if (start === undefined && childNamed(specs, 'start') === undefined)
      reader.report(specs.location, 'time.start', messages.xmileTimeSpec('sim_specs has no <start>'));
    if (stop === undefined && childNamed(specs, 'stop') === undefined)
      reader.report(specs.location, 'time.stop', messages.xmileTimeSpec('sim_specs has no <stop>'));
    return undefined;
  }
  if (!(dt > 0)) {
    reader.report(
      reader.locations.get('time.dt') ?? specs.location,
      'time.dt',
      messages.xmileTimeSpec(`dt must be positive, found ${dt}`),
    );
    return undefined;
  }
  if (!(stop > start)) {
    reader.report(
      reader.locations.get('time.stop') ?? specs.location,
      'time.stop',
      messages.xmileTimeSpec(`stop (${stop}) must be after start (${start})`),
    );
    return undefined;
  }
  if (saveEvery !== undefined && !(saveEvery > 0)) {
    reader.report(
      specs.location,
      'time.save_every',
      messages.xmileTimeSpec(`the save interval must be positive, found ${saveEvery}`),
    );
    return undefined;
  }
  const unit = attributeOf(specs, 'time_units')?.trim();
  return {
    start,
    stop,
    dt,
    method: methodText,
    saveEvery: saveEvery ?? dt,
    saveEveryDeclared: saveEvery !== undefined,
    unit: unit === undefined || unit === '' ? 'time' : unit,
  };
}

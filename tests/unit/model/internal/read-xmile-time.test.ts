import { describe, expect, it } from 'vitest';
import { readXmileTime } from '../../../../src/model/internal/read-xmile-time.js';
import { childNamed, parseXmlTree } from '../../../../src/model/internal/xml-tree.js';
import { XmileReader } from '../../../../src/model/internal/xmile-reader.js';
import type { TimeSpec } from '../../../../src/model/model-spec.js';

const read = (specs: string, modelSpecs = ''): { time: TimeSpec | undefined; problems: string[] } => {
  const parsed = parseXmlTree(`<xmile>${specs}<model>${modelSpecs}</model></xmile>`, 'm.xmile');
  if (!parsed.ok) throw new Error('bad XML');
  const reader = new XmileReader('m.xmile');
  const time = readXmileTime(reader, parsed.value.root, childNamed(parsed.value.root, 'model'));
  return { time, problems: reader.diagnostics.map((diagnostic) => `${diagnostic.field}: ${diagnostic.message}`) };
};

describe('readXmileTime()', () => {
  it('reads start, stop, dt, the method and the time unit; saves every dt by default', () => {
    expect(
      read('<sim_specs method="RK4" time_units="Months"><start>1</start><stop>13</stop><dt>0.5</dt></sim_specs>').time,
    ).toEqual({ start: 1, stop: 13, dt: 0.5, method: 'rk4', saveEvery: 0.5, saveEveryDeclared: false, unit: 'Months' });
  });

  it('reads dt reciprocal="true" as 1/dt, and a missing dt as 1', () => {
    expect(read('<sim_specs><start>0</start><stop>1</stop><dt reciprocal="true">4</dt></sim_specs>').time?.dt).toBe(
      0.25,
    );
    expect(read('<sim_specs><start>0</start><stop>1</stop></sim_specs>').time).toMatchObject({ dt: 1, unit: 'time' });
  });

  it('reads the save step from <savestep> or the save_interval attribute', () => {
    expect(
      read('<sim_specs><start>0</start><stop>4</stop><dt>0.5</dt><savestep>2</savestep></sim_specs>').time,
    ).toMatchObject({ saveEvery: 2, saveEveryDeclared: true });
    expect(
      read('<sim_specs save_interval="1"><start>0</start><stop>4</stop><dt>0.5</dt></sim_specs>').time,
    ).toMatchObject({
      saveEvery: 1,
      saveEveryDeclared: true,
    });
  });

  it("takes a model's own sim_specs over the file's", () => {
    const { time } = read(
      '<sim_specs><start>0</start><stop>1</stop></sim_specs>',
      '<sim_specs><start>5</start><stop>9</stop></sim_specs>',
    );
    expect(time).toMatchObject({ start: 5, stop: 9 });
  });

  it('reports what is missing or impossible, each under its field', () => {
    expect(read('').problems).toEqual(["time: 'sim_specs' is required: <sim_specs> with <start>, <stop> and <dt>"]);
    expect(read('<sim_specs><dt>1</dt></sim_specs>').problems).toEqual([
      'time.start: sim_specs has no <start>',
      'time.stop: sim_specs has no <stop>',
    ]);
    expect(read('<sim_specs><start>0</start><stop>1</stop><dt>0</dt></sim_specs>').problems).toEqual([
      'time.dt: dt must be positive, found 0',
    ]);
    expect(read('<sim_specs><start>3</start><stop>1</stop></sim_specs>').problems).toEqual([
      'time.stop: stop (1) must be after start (3)',
    ]);
    expect(read('<sim_specs method="Gear"><start>0</start><stop>1</stop></sim_specs>').problems[0]).toMatch(
      /^time\.method: .*the integration method 'gear'/,
    );
  });
});

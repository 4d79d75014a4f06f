import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readModelText } from '../../../src/model/read-model-text.js';

const sir = new URL('../../golden/fixtures/conformance/xmile/SIR/SIR.xmile', import.meta.url).pathname;

describe('readModelText()', () => {
  it('reads .xmile, .xml and .stmx files as XMILE, whatever the case of the extension', () => {
    const text = readFileSync(sir, 'utf8');
    for (const file of ['SIR.xmile', 'SIR.XML', 'model.stmx']) {
      const read = readModelText(text, file);
      expect(read.ok, file).toBe(true);
      if (read.ok) expect(read.value.stocks.map((stock) => stock.name)).toContain('susceptible');
    }
  });

  it('reads every other file as YAML or JSON', () => {
    const text = readFileSync('models/examples/population.yaml', 'utf8');
    expect(readModelText(text, 'population.yaml').ok).toBe(true);
    expect(readModelText(text, 'population.txt').ok).toBe(true);
    const asXmile = readModelText(text, 'population.xmile');
    expect(asXmile.ok).toBe(false);
    if (!asXmile.ok) expect(asXmile.diagnostics[0]!.message).toMatch(/^XML syntax error/);
  });
});

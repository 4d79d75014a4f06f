import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSeriesCsv } from '../helpers/compare-series.js';
import { runKechuang } from '../helpers/run-cli.js';

const suite = new URL('../golden/fixtures/conformance/xmile/', import.meta.url).pathname;
const sir = join(suite, 'SIR/SIR.xmile');
const special = join(suite, 'special_characters_xmile/test_special_variable_names.xmile');
const scratch = mkdtempSync(join(tmpdir(), 'kechuang-xmile-'));

describe('kechuang with XMILE models', () => {
  it('simulate --csv prints every stock, flow, aux and constant under its name as written', () => {
    const run = runKechuang(['simulate', special, '--csv']);
    expect(run.status, run.stderr).toBe(0);
    const header = run.stdout.split('\n')[0];
    expect(header).toBe(
      'time,Stock with Newline Character,Hyphenated-Stockname,Flow with STEP(function call!),"Flow w/ division, lists, and INITIAL(construction functions)",normal flow,Flow*with a few^arithmetic + characters,SAVEPER,TIME STEP,FINAL TIME,INITIAL TIME,Aux with (entirely superfuluous) parenthetical comment,import,Aux with $peC!@| characters',
    );
    expect(run.stdout.split('\n')[2]).toBe('1,-2,6,90,21,10,4,1,1,100,0,90,10,21');
  });

  it('simulate --set changes a constant, and --vars takes written names', () => {
    const run = runKechuang([
      'simulate',
      sir,
      '--csv',
      '--set',
      'total_population=2000',
      '--vars',
      'Susceptible,total population',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const table = parseSeriesCsv(run.stdout);
    expect(table.columns).toEqual(['time', 'susceptible', 'total_population']);
    expect(table.rows[0]).toEqual([0, 2000, 2000]);
  });

  it('validate reports an unsupported construct with the file, line and element', () => {
    const path = join(scratch, 'conveyor.xmile');
    writeFileSync(
      path,
      '<xmile xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">\n<sim_specs><start>0</start><stop>1</stop><dt>1</dt></sim_specs>\n<model><variables>\n<stock name="Pipeline"><eqn>0</eqn>\n<conveyor><len>2</len></conveyor></stock>\n</variables></model></xmile>\n',
    );
    const run = runKechuang(['validate', path]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${path}:5:1: error [unsupported-xmile]`);
    expect(run.stderr).toContain("stock 'Pipeline' uses conveyors");
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('validate accepts every model of the conformance suite', () => {
    const files = readdirSync(suite).flatMap((folder) =>
      readdirSync(join(suite, folder))
        .filter((file) => file.endsWith('.xmile'))
        .map((file) => join(suite, folder, file)),
    );
    const run = runKechuang(['validate', ...files]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(files.length);
  });

  it('convert --to yaml prints a model that simulates to the same numbers; --out writes it into a folder', () => {
    const printed = runKechuang(['convert', sir, '--to', 'yaml']);
    expect(printed.status, printed.stderr).toBe(0);
    expect(printed.stdout).toContain(
      'succumbing:\n    equation: susceptible * infectious / total_population * contact_infectivity',
    );
    const out = join(scratch, 'SIR.yaml');
    const written = runKechuang(['convert', sir, '--to', 'yaml', '--out', scratch]);
    expect(written.status, written.stderr).toBe(0);
    expect(written.stdout).toBe(`wrote ${out}\n`);
    expect(readFileSync(out, 'utf8')).toBe(printed.stdout);
    expect(runKechuang(['convert', sir, '--to', 'yaml', '--out', scratch]).status).toBe(2);
    expect(readdirSync(scratch).filter((file) => file.endsWith('.tmp'))).toEqual([]);
    const fromYaml = parseSeriesCsv(runKechuang(['simulate', out, '--csv']).stdout);
    const fromXmile = parseSeriesCsv(
      runKechuang(['simulate', sir, '--csv', '--vars', fromYaml.columns.slice(1).join(',')]).stdout,
    );
    expect(fromYaml.rows).toEqual(fromXmile.rows);
  });

  it('convert needs --to, and reports a model that does not load', () => {
    expect(runKechuang(['convert', sir]).status).toBe(2);
    const missing = join(scratch, 'missing.xmile');
    const run = runKechuang(['convert', missing, '--to', 'yaml', '--out', join(scratch, 'never')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no such file');
    expect(existsSync(join(scratch, 'never'))).toBe(false);
  });

  it('describe lists an XMILE model with its written names as labels', () => {
    const run = runKechuang(['describe', special, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const described = JSON.parse(run.stdout) as { stocks: { name: string; label: string }[] };
    expect(described.stocks[0]).toMatchObject({
      name: 'stock_with_newline_character',
      label: 'Stock with Newline Character',
    });
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { runKechuang } from '../helpers/run-cli.js';

/**
 * `run --out` writes the runs themselves as runs.parquet: DuckDB (its Node API, as an economist's SQL
 * would) reads it back, and the band it computes from the runs is the band series.csv gives.
 */
describe('runs.parquet', () => {
  it('reads back in DuckDB with one row per run and saved time, and the numbers of series.csv', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kechuang-parquet-'));
    const run = runKechuang([
      'run',
      'tests/fixtures/run/population-mc.yaml',
      '--runs',
      '500',
      '--workers',
      '1',
      '--out',
      folder,
      '--quiet',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const file = join(folder, 'runs.parquet').replaceAll("'", "''");
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const rows = async (sql: string) =>
      (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, number | bigint | string>[];

    const columns = await rows(`DESCRIBE SELECT * FROM '${file}'`);
    expect(columns.map((column) => `${column.column_name}:${column.column_type}`)).toEqual([
      'run:INTEGER',
      'time:DOUBLE',
      'birth_rate:DOUBLE',
      'death_rate:DOUBLE',
      'population:DOUBLE',
      'net_growth_rate:DOUBLE',
    ]);
    const [counts] = await rows(
      `SELECT count(*) AS row_count, count(DISTINCT run) AS run_count, count(DISTINCT time) AS time_count FROM '${file}'`,
    );
    expect(counts).toEqual({ row_count: 500n * 21n, run_count: 500n, time_count: 21n });

    const bands = await rows(
      `SELECT time, avg(population) AS mean, quantile_cont(population, 0.05) AS p5, quantile_cont(population, 0.5) AS p50,
              quantile_cont(population, 0.95) AS p95
       FROM '${file}' GROUP BY time ORDER BY time`,
    );
    const csv = readFileSync(join(folder, 'series.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','))
      .filter(([variable]) => variable === 'population')
      .map(([, time, mean, p5, p50, p95]) => ({
        time: Number(time),
        mean: Number(mean),
        p5: Number(p5),
        p50: Number(p50),
        p95: Number(p95),
      }));
    expect(bands.map((band) => band.time)).toEqual(csv.map((row) => row.time));
    bands.forEach((band, index) => {
      const expected = csv[index]!;
      for (const key of ['mean', 'p5', 'p50', 'p95'] as const)
        expect(Math.abs(Number(band[key]) - expected[key]), `${key} in ${expected.time}`).toBeLessThanOrEqual(
          Math.abs(expected[key]) * 1e-14,
        );
    });

    // Each run's sampled input is one value over its saved times, inside its distribution's range.
    const [inputs] = await rows(
      `SELECT max(spread) AS spread, min(birth_rate) AS low, max(birth_rate) AS high FROM (
         SELECT run, max(birth_rate) - min(birth_rate) AS spread, any_value(birth_rate) AS birth_rate
         FROM '${file}' GROUP BY run)`,
    );
    expect(inputs!.spread).toBe(0);
    expect(Number(inputs!.low)).toBeGreaterThan(0.004);
    expect(Number(inputs!.high)).toBeLessThan(0.009);
  });
});

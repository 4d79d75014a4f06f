import { readFileSync } from 'node:fs';
import { OUTPUT_NAMES, SAVE_COUNT, defaultParameters, runPlain, runRecip } from './reference-hand.mjs';

const TOLERANCE = 1e-9;
const REPETITIONS = 5;
const RUNS_PER_REPETITION = 20000;

function readReference() {
  const text = readFileSync(new URL('../../shared/bench/reference-c.csv', import.meta.url), 'utf8');
  const [header, ...rows] = text.trim().split(/\r?\n/);
  const columns = header.split(',');
  const indices = OUTPUT_NAMES.map((name) => {
    const index = columns.indexOf(name);
    if (index < 0) throw new Error(`reference-c.csv has no column ${name}`);
    return index;
  });
  if (rows.length !== SAVE_COUNT) {
    throw new Error(`reference-c.csv has ${rows.length} rows, expected ${SAVE_COUNT}`);
  }
  const values = new Float64Array(SAVE_COUNT * OUTPUT_NAMES.length);
  rows.forEach((row, r) => {
    const cells = row.split(',').map(Number);
    indices.forEach((column, k) => {
      values[r * OUTPUT_NAMES.length + k] = cells[column];
    });
  });
  return values;
}

function compare(actual, expected) {
  let maxRel = 0;
  let differing = 0;
  let worst = -1;
  for (let i = 0; i < expected.length; i++) {
    if (actual[i] !== expected[i]) differing++;
    const scale = Math.max(Math.abs(expected[i]), Number.MIN_VALUE);
    const rel = Math.abs(actual[i] - expected[i]) / scale;
    if (!(rel <= maxRel)) {
      maxRel = rel;
      worst = i;
    }
  }
  return { maxRel, differing, worst };
}

function describe(index) {
  const n = OUTPUT_NAMES.length;
  return `${OUTPUT_NAMES[index % n]}@${2015 + Math.floor(index / n)}`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const reference = readReference();
const params = defaultParameters();
const variants = [
  ['plain', runPlain],
  ['recip', runRecip],
];

let failed = false;
for (const [name, run] of variants) {
  const out = new Float64Array(SAVE_COUNT * OUTPUT_NAMES.length);
  run(params, out);
  const { maxRel, differing, worst } = compare(out, reference);
  const where = worst >= 0 && maxRel > 0 ? ` (worst: ${describe(worst)})` : '';
  const ok = maxRel <= TOLERANCE;
  if (!ok) failed = true;
  console.log(
    `${name}: max relative difference ${maxRel.toExponential(3)}, ` +
      `${differing}/${out.length} values not bit-identical${where} ${ok ? 'OK' : 'FAIL'}`,
  );
}

const timings = variants.map(() => []);
const out = new Float64Array(SAVE_COUNT * OUTPUT_NAMES.length);
let sink = 0;
for (let rep = 0; rep < REPETITIONS; rep++) {
  variants.forEach(([, run], v) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < RUNS_PER_REPETITION; i++) run(params, out);
    const elapsed = Number(process.hrtime.bigint() - start);
    sink += out[out.length - 1];
    timings[v].push(elapsed / 1e3 / RUNS_PER_REPETITION);
  });
}
variants.forEach(([name], v) => {
  const all = timings[v].map((t) => t.toFixed(2)).join(', ');
  console.log(`${name}: ${median(timings[v]).toFixed(2)} µs/run (median of ${REPETITIONS}: ${all})`);
});
if (!Number.isFinite(sink)) failed = true;

process.exitCode = failed ? 1 : 0;

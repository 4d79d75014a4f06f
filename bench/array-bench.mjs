// Arrays in generated code: a model of 10 dimensions x 100 elements against the same model written
// out as scalars, and, to place the threshold above which arrays become typed-array loops, the same
// arrayed model at several dimension sizes compiled with loops and fully unrolled, side by side.
//
//   npm run build && node bench/array-bench.mjs [--rounds R] [--json]
//
// Every pair is checked to give bit-identical results before anything is timed; a mismatch exits 1.

import os from 'node:os';
import { parseArgs } from 'node:util';
import { median } from 'simple-statistics';
import { createFail, loadEngine } from './internal/bench-engine.mjs';

const fail = createFail('array-bench');
const engine = await loadEngine(fail);
const { values } = parseArgs({
  options: {
    rounds: { type: 'string' },
    json: { type: 'boolean' },
    sizes: { type: 'string' },
    dimensions: { type: 'string' },
  },
});
const roundCount = Number(values.rounds ?? 7);
const sizes = (values.sizes ?? '2,4,6,8,12,16,32,64').split(',').map(Number);
const sweepDimensions = Number(values.dimensions ?? 10);

const steps = 'time: { start: 0, stop: 25, dt: 0.25, save_every: 1 }';
const elementsOf = (size) => Array.from({ length: size }, (_, index) => `e${index}`);
const rateOf = (index) => (0.01 + index * 1e-4).toFixed(5);

/** The bench model with `dimensionCount` dimensions of `size` elements: per dimension a stock with a growth and a crowding flow, a total and shares. */
function arrayedModel(dimensionCount, size) {
  const lines = ['name: arrayed', steps, 'dimensions:'];
  for (let k = 0; k < dimensionCount; k++) lines.push(`  d${k}: [${elementsOf(size).join(', ')}]`);
  lines.push('parameters:');
  for (let k = 0; k < dimensionCount; k++)
    lines.push(
      `  rate${k}[d${k}]: [${elementsOf(size)
        .map((_, i) => rateOf(i))
        .join(', ')}]`,
      `  cap${k}: 1000`,
    );
  lines.push('stocks:');
  for (let k = 0; k < dimensionCount; k++)
    lines.push(`  s${k}[d${k}]: { initial: 1, inflows: [g${k}], outflows: [l${k}] }`);
  lines.push('flows:');
  for (let k = 0; k < dimensionCount; k++)
    lines.push(
      `  g${k}[d${k}]: s${k}[d${k}] * rate${k}[d${k}]`,
      `  l${k}[d${k}]: s${k}[d${k}] * s${k}[d${k}] / cap${k}`,
    );
  lines.push('auxiliaries:');
  for (let k = 0; k < dimensionCount; k++)
    lines.push(`  total${k}: sum(s${k}[d${k}!])`, `  share${k}[d${k}]: s${k}[d${k}] / total${k}`);
  return lines.join('\n');
}

/** The same model with every element written out as a scalar of its own, in the same order. */
function scalarModel(dimensionCount, size) {
  const lines = ['name: scalar', steps, 'parameters:'];
  const each = (k, make) => elementsOf(size).map((element, i) => make(element, i));
  for (let k = 0; k < dimensionCount; k++)
    lines.push(...each(k, (e, i) => `  rate${k}_${e}: ${rateOf(i)}`), `  cap${k}: 1000`);
  lines.push('stocks:');
  for (let k = 0; k < dimensionCount; k++)
    lines.push(...each(k, (e) => `  s${k}_${e}: { initial: 1, inflows: [g${k}_${e}], outflows: [l${k}_${e}] }`));
  lines.push('flows:');
  for (let k = 0; k < dimensionCount; k++)
    lines.push(
      ...each(k, (e) => `  g${k}_${e}: s${k}_${e} * rate${k}_${e}`),
      ...each(k, (e) => `  l${k}_${e}: s${k}_${e} * s${k}_${e} / cap${k}`),
    );
  lines.push('auxiliaries:');
  for (let k = 0; k < dimensionCount; k++)
    lines.push(
      `  total${k}: ${elementsOf(size)
        .map((e) => `s${k}_${e}`)
        .join(' + ')}`,
      ...each(k, (e) => `  share${k}_${e}: s${k}_${e} / total${k}`),
    );
  return lines.join('\n');
}

function compile(text, options) {
  const read = engine.readModel(text, 'bench.yaml');
  if (!read.ok) fail(engine.renderDiagnostics(read.diagnostics));
  const started = process.hrtime.bigint();
  const compiled = engine.compileModel(read.value, options);
  if (!compiled.ok) fail(engine.renderDiagnostics(compiled.diagnostics));
  const compileMs = Number(process.hrtime.bigint() - started) / 1e6;
  const model = compiled.value;
  const out = new Float64Array(model.saveCount * model.outputNames.length);
  const parameters = model.defaultParameters();
  const run = () => model.run(parameters, out, 0, model.outputNames.length, 1);
  return { model, out, run, compileMs, sourceChars: model.source.length };
}

/** Check that two variants give the same numbers bit for bit, then time both in alternating rounds (µs per run, medians). */
function pair(left, right, runCount) {
  left.run();
  right.run();
  const differing = left.out.findIndex((value, index) => !Object.is(value, right.out[index]));
  if (left.out.length !== right.out.length || differing >= 0)
    fail(`the two variants differ at value ${differing}: ${left.out[differing]} against ${right.out[differing]}`);
  const time = (variant) => {
    const started = process.hrtime.bigint();
    for (let run = 0; run < runCount; run++) variant.run();
    return Number(process.hrtime.bigint() - started) / 1e3 / runCount;
  };
  for (let warm = 0; warm < 3; warm++) time(left) + time(right);
  const timings = { left: [], right: [] };
  for (let round = 0; round < roundCount; round++) {
    const order = round % 2 === 0 ? ['left', 'right'] : ['right', 'left'];
    for (const side of order) timings[side].push(time(side === 'left' ? left : right));
  }
  return { left: median(timings.left), right: median(timings.right) };
}

const arrayed = compile(arrayedModel(10, 100), {});
const scalar = compile(scalarModel(10, 100), {});
const headline = pair(arrayed, scalar, 20);
const threshold = sizes.map((size) => {
  const text = arrayedModel(sweepDimensions, size);
  const looped = compile(text, { loops: { minimumLength: 2, unrolledBudget: 0 } });
  const unrolled = compile(text, { loops: { minimumLength: Infinity } });
  const runCount = Math.max(20, Math.round(20000 / size));
  const timed = pair(looped, unrolled, runCount);
  return {
    size,
    loopedMicroseconds: timed.left,
    unrolledMicroseconds: timed.right,
    ratio: timed.left / timed.right,
    loopedSourceChars: looped.sourceChars,
    unrolledSourceChars: unrolled.sourceChars,
  };
});

const result = {
  machine: { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model },
  rounds: roundCount,
  model: '10 dimensions x 100 elements, 100 Euler steps, 4,010 outputs saved at 26 points',
  arrayed: { microsecondsPerRun: headline.left, compileMs: arrayed.compileMs, sourceChars: arrayed.sourceChars },
  scalar: { microsecondsPerRun: headline.right, compileMs: scalar.compileMs, sourceChars: scalar.sourceChars },
  arrayedOverScalar: headline.left / headline.right,
  threshold,
};
if (values.json === true) console.log(JSON.stringify(result, null, 2));
else {
  console.log(`${result.model}; ${os.cpus().length} CPUs, node ${process.version}; medians of ${roundCount} rounds`);
  console.log(
    `arrayed ${headline.left.toFixed(0)} µs/run (compiled in ${arrayed.compileMs.toFixed(0)} ms), scalar copy ${headline.right.toFixed(0)} µs/run (${scalar.compileMs.toFixed(0)} ms): ratio ${result.arrayedOverScalar.toFixed(3)} (bit-identical results)`,
  );
  console.log('elements per dimension | loops µs/run | unrolled µs/run | loops / unrolled');
  for (const row of threshold)
    console.log(
      `${String(row.size).padStart(22)} | ${row.loopedMicroseconds.toFixed(1).padStart(12)} | ${row.unrolledMicroseconds.toFixed(1).padStart(15)} | ${row.ratio.toFixed(3)}`,
    );
}

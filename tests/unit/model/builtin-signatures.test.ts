import { describe, expect, it } from 'vitest';
import { pureBuiltins } from '../../../src/compile/builtins.js';
import { builtinSignatures, isReservedName, namedConstants } from '../../../src/model/builtin-signatures.js';

describe('builtinSignatures', () => {
  it('gives every pure built-in the compiler defines a signature, and every other signature is stateful', () => {
    for (const name of pureBuiltins.keys()) expect(builtinSignatures.get(name)?.stateful, name).toBe(false);
    const stateful = [...builtinSignatures.values()].filter((signature) => !pureBuiltins.has(signature.name));
    expect(stateful.every((signature) => signature.stateful)).toBe(true);
    expect(stateful.map((signature) => signature.name).sort()).toEqual(
      ['delay1', 'delay3', 'delay_fixed', 'init', 'smooth', 'smooth3', 'trend_of'].sort(),
    );
  });

  it('shows each built-in with its usage, starting with its own name and its most arguments', () => {
    for (const signature of builtinSignatures.values()) {
      expect(signature.usage.startsWith(`${signature.name}(`), signature.name).toBe(true);
      expect(signature.minArgs).toBeLessThanOrEqual(signature.maxArgs);
    }
  });

  it('names pi and e as constants with their values', () => {
    expect(namedConstants.get('pi')).toBe(Math.PI);
    expect(namedConstants.get('e')).toBe(Math.E);
  });
});

describe('isReservedName()', () => {
  it('reserves built-in functions, time, dt, the named constants and the words mathjs reads as operators', () => {
    for (const name of ['min', 'smooth', 'time', 'dt', 'pi', 'e', 'and', 'mod', 'true', 'NaN'])
      expect(isReservedName(name), name).toBe(true);
  });

  it('leaves ordinary names free, including near misses', () => {
    for (const name of ['gdp', 'minimum', 'times', 'Time', 'pie', 'epsilon'])
      expect(isReservedName(name), name).toBe(false);
  });
});

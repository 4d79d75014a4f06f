import { describe, expect, it } from 'vitest';
import { listenForInterrupt } from '../../../src/cli/interrupt.js';

/** The SIGINT listener `listenForInterrupt` added (called directly: no signal is sent to the test process). */
function added(before: readonly ((...args: unknown[]) => void)[]): (...args: unknown[]) => void {
  const now = process.listeners('SIGINT') as ((...args: unknown[]) => void)[];
  const fresh = now.filter((listener) => !before.includes(listener));
  expect(fresh).toHaveLength(1);
  return fresh[0]!;
}

describe('listenForInterrupt()', () => {
  it('aborts its signal on the first Ctrl-C, then stops listening once the other listeners have run', async () => {
    const before = process.listeners('SIGINT') as ((...args: unknown[]) => void)[];
    const interrupt = listenForInterrupt();
    const onInterrupt = added(before);
    expect(interrupt.signal.aborted).toBe(false);
    onInterrupt();
    expect(interrupt.signal.aborted).toBe(true);
    // Still there while the same SIGINT's other listeners run (write-file-atomic's signal-exit must see it) ...
    expect(process.listeners('SIGINT')).toContain(onInterrupt);
    await Promise.resolve();
    // ... and gone after, so a second Ctrl-C meets Node's default action.
    expect(process.listeners('SIGINT')).not.toContain(onInterrupt);
    expect(process.listenerCount('SIGINT')).toBe(before.length);
  });

  it('stops listening when disposed without a Ctrl-C, its signal never aborted', () => {
    const before = process.listeners('SIGINT') as ((...args: unknown[]) => void)[];
    const interrupt = listenForInterrupt();
    added(before);
    interrupt.dispose();
    expect(process.listenerCount('SIGINT')).toBe(before.length);
    expect(interrupt.signal.aborted).toBe(false);
  });
});

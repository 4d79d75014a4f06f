/** A Ctrl-C listener for the length of a run. */
export interface InterruptListener {
  /** Aborted by the first SIGINT. */
  readonly signal: AbortSignal;
  /** Stop listening (the run is over). */
  dispose(): void;
}

/**
 * Listen for the first Ctrl-C (SIGINT): it aborts `signal`, so the run stops handing out shards,
 * stops its workers, keeps the runs already finished and says how to resume. The listener then goes,
 * so a second Ctrl-C meets Node's default action and ends the process at once, whatever it is doing.
 * (With `--workers 1` the runs share the main thread, which looks for the first Ctrl-C every tenth of
 * a second: see shard-executor.ts.)
 *
 * The listener leaves only after every SIGINT listener has run, not as it is called (as `once` would):
 * a library listening too (signal-exit ends the process when it finds itself the only listener) must
 * see this one still there on the first Ctrl-C.
 */
export function listenForInterrupt(): InterruptListener {
  const controller = new AbortController();
  const dispose = (): void => {
    process.off('SIGINT', onInterrupt);
  };
  function onInterrupt(): void {
    controller.abort();
    queueMicrotask(dispose);
  }
  process.on('SIGINT', onInterrupt);
  return { signal: controller.signal, dispose };
}

/** A Ctrl-C listener for the length of a run. */
export interface InterruptListener {
  /** Aborted by the first SIGINT. */
  readonly signal: AbortSignal;
  /** Stop listening (the run is over). */
  dispose(): void;
}

/**
 * Listen for the first Ctrl-C (SIGINT): it aborts `signal`, so the run stops handing out shards,
 * stops its workers, keeps the runs already finished and says how to resume. The listener is removed
 * as it fires, so a second Ctrl-C meets Node's default action and ends the process at once, whatever
 * it is doing (even a busy main thread with `--workers 1`, which sees the first one only between shards).
 */
export function listenForInterrupt(): InterruptListener {
  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort();
  process.once('SIGINT', onInterrupt);
  return {
    signal: controller.signal,
    dispose: () => process.off('SIGINT', onInterrupt),
  };
}

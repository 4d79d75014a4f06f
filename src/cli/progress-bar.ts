import cliProgress from 'cli-progress';

/** Reports finished runs; draws nothing until the work has lasted `delayMs`, and nothing when stderr is not a terminal. */
export interface ProgressReporter {
  update(completedRuns: number): void;
  stop(): void;
}

/** A progress bar on stderr for runs longer than about a second (DESIGN.md: never with --quiet or off a TTY). */
export function createProgressReporter(totalRuns: number, enabled: boolean, delayMs = 1000): ProgressReporter {
  if (!enabled || process.stderr.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  const started = performance.now();
  const elapsedSeconds = (): string => ((performance.now() - started) / 1000).toFixed(1);
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(completedRuns) {
      if (bar === undefined) {
        if (performance.now() - started < delayMs || completedRuns >= totalRuns) return;
        bar = new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: 'runs {bar} {percentage}% | {value}/{total} | {elapsed} s elapsed, ETA {eta_formatted}',
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(totalRuns, completedRuns, { elapsed: elapsedSeconds() });
      } else bar.update(completedRuns, { elapsed: elapsedSeconds() });
    },
    stop() {
      bar?.stop();
    },
  };
}

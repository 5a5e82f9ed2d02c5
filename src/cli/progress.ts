// A progress bar on standard error for work that runs in this process (a Monte Carlo, a briefing
// pack): it appears with the first report, not while the store opens, and is cleared when done.
import cliProgress from 'cli-progress';

export function progressBar(
  enabled: boolean,
  format: string,
): {
  onProgress: ((done: number, total: number) => void) | undefined;
  stop(): void;
} {
  if (!enabled) return { onProgress: undefined, stop: () => undefined };
  let bar: cliProgress.SingleBar | undefined;
  return {
    onProgress: (done: number, total: number) => {
      if (!bar) {
        bar = new cliProgress.SingleBar(
          { stream: process.stderr, format, clearOnComplete: true, hideCursor: null },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop: () => bar?.stop(),
  };
}

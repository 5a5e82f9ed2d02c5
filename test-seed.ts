// The fast-check seed of a test run: FC_SEED when set, else a fixed default, so that a property test
// draws the same cases on every machine and a red run can be replayed. Read by the vitest set-up
// file (in every worker) and by the summary reporter (which prints it once, in the main process).

/** The seed when FC_SEED is not set. Change it only on purpose: it changes every property's cases. */
export const DEFAULT_FC_SEED = 20261205;

/** The seed FC_SEED names, or the default; throws on anything but a 32-bit whole number. */
export function fastCheckSeed(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env.FC_SEED?.trim();
  if (raw === undefined || raw === '') return DEFAULT_FC_SEED;
  const seed = Number(raw);
  if (!Number.isInteger(seed) || seed < -(2 ** 31) || seed >= 2 ** 32) {
    throw new RangeError(`FC_SEED must be a 32-bit whole number, not "${raw}"`);
  }
  return seed;
}

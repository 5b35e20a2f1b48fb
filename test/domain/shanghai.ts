// Test helpers: Beijing time (UTC+8, no DST) written independently of the code under test.
const HOUR = 3_600_000;

/** '2026-02-11 10:00' (or '2026-02-11', midnight) in Beijing time → epoch ms. */
export function bj(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?$/.exec(text);
  if (!m) throw new Error(`bad test time ${text}`);
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0'].map(Number) as [number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi) - 8 * HOUR;
}

/** Epoch ms → '2026-02-11 10:00' in Beijing time, for readable expectations. */
export function showBj(at: number | null | undefined): string | null {
  if (at === null || at === undefined) return null;
  return new Date(at + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');
}

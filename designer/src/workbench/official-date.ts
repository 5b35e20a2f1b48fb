/** A local day (YYYY-MM-DD) as official documents write it: 2026年12月4日. */
export function officialDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Figure } from './figures';

/** Prints one benchmark's figures as a table. */
export function printTable(title: string, figures: Figure[]): void {
  console.log(`\n${title}`);
  console.table(figures.map((f) => ({
    figure: f.name,
    value: `${f.value} ${f.unit}`,
    baseline: f.baseline ? `${f.baseline.value} ${f.unit} (${f.baseline.name})` : '',
    ratio: f.baseline && f.baseline.value > 0 ? `${(f.value / f.baseline.value).toFixed(2)}×` : '',
    note: f.note ?? '',
  })));
}

export function writeJson(path: string, report: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A bar chart, one row per figure: Sunlight's bar and, under it, the baseline's, both scaled
 * to the larger of the two (figures have different units, so each row has its own scale).
 */
export function writeSvg(path: string, title: string, subtitle: string, figures: Figure[]): void {
  const width = 1100;
  const labelWidth = 520;
  const barMax = width - labelWidth - 190;
  const rowHeight = 44;
  const top = 70;
  const height = top + figures.length * rowHeight + 40;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="16" y="26" font-size="18" font-weight="bold">${escape(title)}</text>`,
    `<text x="16" y="46" fill="#555">${escape(subtitle)}</text>`,
    `<rect x="${width - 250}" y="12" width="12" height="12" fill="#d9822b"/><text x="${width - 232}" y="22">Sunlight</text>`,
    `<rect x="${width - 160}" y="12" width="12" height="12" fill="#8a9bb0"/><text x="${width - 142}" y="22">baseline</text>`,
  ];
  let group = '';
  figures.forEach((f, i) => {
    const y = top + i * rowHeight;
    if (f.group !== group) {
      group = f.group;
      parts.push(`<line x1="16" x2="${width - 16}" y1="${y - 4}" y2="${y - 4}" stroke="#ddd"/>`);
    }
    const finite = (v: number | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
    const scale = Math.max(finite(f.value), finite(f.baseline?.value)) || 1;
    const bar = (value: number, dy: number, colour: string, text: string) => {
      // A figure that could not be measured (no samples) draws no bar, only its text.
      const w = Math.max(1, (finite(value) / scale) * barMax);
      parts.push(`<rect x="${labelWidth}" y="${y + dy}" width="${w.toFixed(1)}" height="14" fill="${colour}"/>`);
      parts.push(`<text x="${labelWidth + w + 6}" y="${y + dy + 11}">${escape(text)}</text>`);
    };
    parts.push(`<text x="16" y="${y + 12}">${escape(`[${f.group}] ${f.name}`)}</text>`);
    if (f.note) parts.push(`<text x="16" y="${y + 28}" fill="#777" font-size="10">${escape(f.note.slice(0, 90))}</text>`);
    bar(f.value, 0, '#d9822b', `${f.value} ${f.unit}${f.lowerIsBetter ? ' (lower is better)' : ''}`);
    if (f.baseline) bar(f.baseline.value, 17, '#8a9bb0', `${f.baseline.value} ${f.unit}`);
  });
  parts.push('</svg>');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${parts.join('\n')}\n`);
}

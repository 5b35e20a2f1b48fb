import type { TFunction } from 'i18next';
import type { Formula } from '../../../domain/evaluation';

const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** A named formula in words, e.g. "30 × on time ÷ (on time + late), full at 100%". */
export function describeFormula(f: Formula, t: TFunction): string {
  const counters = (names: readonly string[]) => {
    const text = names.map((c) => t(`evaluation.counter.${c}`, { defaultValue: c })).join(' + ');
    return names.length > 1 ? `(${text})` : text;
  };
  if (f.kind === 'deduction') {
    return t('evaluation.formula.deduction', { counter: counters([f.counter]), points: f.points, cap: f.cap });
  }
  if (f.kind === 'average') {
    return t('evaluation.formula.average', {
      weight: f.weight, sum: t(`evaluation.counter.${f.sum}`, { defaultValue: f.sum }), count: counters(f.count), min: f.scaleMin ?? 0, max: f.scaleMax,
    });
  }
  const parts = [
    t(f.invert ? 'evaluation.formula.rateInverted' : 'evaluation.formula.rate', { weight: f.weight, numerator: counters(f.numerator), denominator: counters(f.denominator) }),
    t('evaluation.formula.target', { target: percent(f.target ?? 1), floor: percent(f.floor ?? 0) }),
  ];
  const whenEmpty = f.whenEmpty ?? 'exclude';
  if (whenEmpty !== 'exclude') parts.push(t(whenEmpty === 'none' ? 'evaluation.formula.emptyNone' : 'evaluation.formula.emptyFull'));
  if (f.lossFacts) parts.push(t('evaluation.formula.lossFacts', { counter: counters(typeof f.lossFacts === 'string' ? [f.lossFacts] : f.lossFacts) }));
  return parts.join(t('evaluation.formula.separator'));
}

/** Points with at most two decimals, signed when asked (−5, +5). */
export function formatPoints(points: number, signed = false): string {
  const rounded = Math.round(points * 100) / 100;
  const text = String(Object.is(rounded, -0) ? 0 : rounded).replace('-', '−');
  return signed && rounded > 0 ? `+${text}` : text;
}

import { useTranslation } from 'react-i18next';
import type { AlertLevel } from '../../../domain/ladder/types';

/** The case's alert level as a coloured light with its name (colour is never the only cue). */
export function TrafficLight({ level }: { level: AlertLevel }) {
  const { t } = useTranslation();
  return (
    <span className={`light light--${level}`} data-level={level}>
      <span className="light-dot" aria-hidden="true" />
      {t(`level.${level}`)}
    </span>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listAppeals, type AppealStatus } from '../api/evaluations';
import { useRemote } from '../ui/useRemote';
import { AppealList } from './AppealList';

/** Appeals by status, the oldest first: the supervisors' worklist (a department's officer sees their own). */
export function AppealsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<AppealStatus>('open');
  const appeals = useRemote(() => listAppeals(status), [status]);
  return (
    <main className="page" aria-labelledby="appeals-title">
      <header className="page-head">
        <h1 id="appeals-title">{t('evaluation.appeals.title')}</h1>
      </header>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <fieldset className="segmented">
          <legend>{t('evaluation.appeal.status')}</legend>
          {(['open', 'upheld', 'rejected'] as const).map((s) => (
            <label key={s}>
              <input type="radio" name="appeal-status" value={s} checked={status === s} onChange={() => setStatus(s)} /> {t(`evaluation.appealStatus.${s}`)}
            </label>
          ))}
        </fieldset>
      </form>
      {appeals.error && <p className="status status--error" role="alert">{appeals.error}</p>}
      <AppealList appeals={appeals.data ?? []} testId="appeals" showEvaluation />
      {appeals.data?.length === 0 && <p className="muted">{t('evaluation.appeals.empty')}</p>}
    </main>
  );
}

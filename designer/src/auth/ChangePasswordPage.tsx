import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { changeOwnPassword } from '../api/auth';
import { ApiError } from '../api/client';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { sessionStore, useSession } from './session';

const MIN_LENGTH = 12;

/**
 * Shown instead of the app while the account still has its generated first password: the
 * API refuses everything else until it is changed.
 */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const username = useSession((s) => s.user?.username ?? '');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (next !== repeat) return setError(t('firstRun.mismatch'));
    setBusy(true);
    setError(undefined);
    changeOwnPassword(current, next)
      .then((answer) => sessionStore.getState().signIn(answer.token, answer.user, answer.expiresAt))
      .catch((e: unknown) => setError(e instanceof ApiError && e.code === 'wrong-password' ? t('firstRun.wrong') : e instanceof ApiError && e.code === 'same-password' ? t('firstRun.same') : String((e as Error).message)))
      .finally(() => setBusy(false));
  };
  return (
    <main className="login">
      <form onSubmit={submit} aria-labelledby="change-title">
        <div className="login-head">
          <h1 id="change-title">{t('firstRun.title')}</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{t('firstRun.why')}</p>
        {/* Lets a password manager file the new password under the right account. */}
        <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
        <div className="field">
          <label htmlFor="current-password">{t('firstRun.current')}</label>
          <input id="current-password" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="new-password">{t('firstRun.next', { count: MIN_LENGTH })}</label>
          <input id="new-password" type="password" autoComplete="new-password" minLength={MIN_LENGTH} value={next} onChange={(e) => setNext(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="repeat-password">{t('firstRun.repeat')}</label>
          <input id="repeat-password" type="password" autoComplete="new-password" minLength={MIN_LENGTH} value={repeat} onChange={(e) => setRepeat(e.target.value)} required />
        </div>
        {error && <p className="status status--error" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>
          {t('firstRun.submit')}
        </button>
        <button type="button" onClick={() => sessionStore.getState().signOut()}>
          {t('firstRun.signOut')}
        </button>
      </form>
    </main>
  );
}

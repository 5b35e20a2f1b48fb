import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { login } from '../api/auth';
import { ApiError } from '../api/client';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { sessionStore } from './session';

/** Username and password; the token is kept for the session's lifetime. */
export function LoginPage() {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [health, setHealth] = useState<string>('…');
  useEffect(() => {
    fetch('/api/v1/health')
      .then((r) => r.json() as Promise<{ status: string }>)
      .then((h) => setHealth(h.status))
      .catch(() => setHealth('unreachable'));
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    login(username, password)
      .then((answer) => sessionStore.getState().signIn(answer.token, answer.user, answer.expiresAt))
      .catch((e: unknown) => setError(e instanceof ApiError && e.status === 401 ? t('login.wrong') : String((e as Error).message)))
      .finally(() => setBusy(false));
  };
  return (
    <main className="login">
      <form onSubmit={submit} aria-labelledby="login-title">
        <div className="login-head">
          <h1 id="login-title">{t('app.name')}</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{t('login.subtitle')}</p>
        <div className="field">
          <label htmlFor="username">{t('login.username')}</label>
          <input id="username" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="password">{t('login.password')}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </div>
        {error && <p className="status status--error" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>
          {t('login.submit')}
        </button>
        <p className="muted" data-testid="health">
          {t('login.api')}: {health}
        </p>
        <Link href="/public" className="login-portal" data-testid="portal-link">
          {t('portal.loginLink')}
        </Link>
      </form>
    </main>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { listSystems, registerSystem, rotateKey } from '../api/admin';
import { listDepartments } from '../api/departments';
import { formatDateTime } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';
import { useRemote } from '../ui/useRemote';
import { AdminTabs, refusalOf } from './AdminTabs';

/** External systems: register one, rotate its key (the new key shown once), and read its last pushes and rejections. */
export function SystemsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('admin.systems.title'));
  const systems = useRemote(listSystems, []);
  const departments = useRemote(listDepartments, []);
  const [form, setForm] = useState({ systemId: '', name: '', departments: [] as string[] });
  const [key, setKey] = useState<{ systemId: string; apiKey: string } | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const nameOf = (code: string) => departments.data?.find((d) => d.code === code)?.name ?? code;
  // A refusal in words by its code; a code this page does not know shows the API's detail.
  const refusalLabel = (r: { code: string | null; detail: string | null }) =>
    r.code === null ? (r.detail ?? '') : t(`admin.systems.refusal.${r.code}`, { defaultValue: r.detail ?? r.code });

  const act = async (action: () => Promise<{ systemId: string; apiKey: string }>) => {
    setRefusal(null);
    setKey(null);
    try {
      const answer = await action();
      setKey({ systemId: answer.systemId, apiKey: answer.apiKey });
      systems.reload();
      return true;
    } catch (e) {
      setRefusal(refusalOf(e));
      return false;
    }
  };
  const register = async (event: FormEvent) => {
    event.preventDefault();
    if (await act(() => registerSystem({ systemId: form.systemId.trim(), name: form.name.trim(), departments: form.departments }))) {
      setForm({ systemId: '', name: '', departments: [] });
    }
  };
  const rotate = (systemId: string) => {
    if (window.confirm(t('admin.systems.rotateConfirm'))) void act(() => rotateKey(systemId));
  };

  return (
    <main className="page">
      <AdminTabs />
      <h1>{t('admin.systems.title')}</h1>
      {refusal && <p role="alert" className="error" data-testid="admin-error">{refusal.message}</p>}
      {key && (
        <p className="notice" data-testid="api-key-once">
          {t('admin.systems.keyOnce')} <code data-testid="api-key">{key.apiKey}</code>
        </p>
      )}
      {(systems.data ?? []).map((s) => (
        <section key={s.systemId} data-system={s.systemId} className="card">
          <h2>{s.name} <span className="muted">{s.systemId}</span></h2>
          <p>
            {t('admin.systems.departments')}:{s.departments.map(nameOf).join('、')} · {t('admin.systems.registered')}:{formatDateTime(s.registeredAt, i18n.language)}
            {s.keyRotatedAt && <> · {t('admin.systems.rotatedAt')}:<span data-testid="key-rotated-at">{formatDateTime(s.keyRotatedAt, i18n.language)}</span></>}
          </p>
          <button type="button" onClick={() => rotate(s.systemId)}>{t('admin.systems.rotate')}</button>
          <h3>{t('admin.systems.pushes')}</h3>
          {s.pushes.length === 0 ? <p className="muted">{t('admin.systems.noPushes')}</p> : (
            <table data-testid="push-list">
              <thead>
                <tr>
                  {(['at', 'accepted', 'duplicates', 'rejected', 'failed', 'refusals'] as const).map((k) => <th key={k} scope="col">{t(`admin.systems.${k}`)}</th>)}
                </tr>
              </thead>
              <tbody>
                {s.pushes.map((p) => (
                  <tr key={p.at}>
                    <td>{formatDateTime(p.at, i18n.language)}</td>
                    <td>{p.accepted}</td>
                    <td>{p.duplicates}</td>
                    <td>{p.rejected}</td>
                    <td>{p.failed}</td>
                    <td>{p.refusals.map((r) => `${r.eventId ?? `#${r.index}`}:${refusalLabel(r)}`).join(';')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
      <form onSubmit={(e) => void register(e)} className="form-grid" data-testid="system-form">
        <h2>{t('admin.systems.register')}</h2>
        <label>{t('admin.systems.name')}<input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required /></label>
        <label>
          {t('admin.systems.systemId')}
          <input value={form.systemId} onChange={(e) => setForm({ ...form, systemId: e.target.value })} required />
          {refusal?.fields['/systemId'] && <span className="error">{refusal.fields['/systemId']}</span>}
        </label>
        <fieldset>
          <legend>{t('admin.systems.departments')}</legend>
          {(departments.data ?? []).map((d) => (
            <label key={d.code}>
              <input type="checkbox" checked={form.departments.includes(d.code)}
                onChange={(e) => setForm({ ...form, departments: e.target.checked ? [...form.departments, d.code] : form.departments.filter((x) => x !== d.code) })} />
              {d.name}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t('admin.systems.register')}</button>
      </form>
    </main>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createUser, listUsers, updateUser, type UserRecord } from '../api/admin';
import type { Role } from '../api/auth';
import { listDepartments } from '../api/departments';
import { positionName } from '../ui/position';
import { usePageTitle } from '../ui/usePageTitle';
import { useRemote } from '../ui/useRemote';
import { AdminTabs, refusalOf } from './AdminTabs';

const ROLES: Role[] = ['administrator', 'supervisor', 'department-officer', 'clerk', 'auditor'];
const EMPTY = { username: '', name: '', password: '', roles: [] as Role[], department: '', positions: '', email: '', phone: '' };

/** Users with their roles, department, positions, e-mail, phone and state; create, edit, deactivate. */
export function UsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.users.title'));
  const users = useRemote(listUsers, []);
  const departments = useRemote(listDepartments, []);
  const [form, setForm] = useState(EMPTY);
  const [editing, setEditing] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const nameOf = (code: string | null) => departments.data?.find((d) => d.code === code)?.name ?? (code ?? '—');
  // The escalation tiers and the designer's default positions are named; others are what the administrator typed.
  const positionLabel = (p: string) => positionName(t, p);

  const act = async (action: () => Promise<unknown>) => {
    setRefusal(null);
    try {
      await action();
      users.reload();
      return true;
    } catch (e) {
      setRefusal(refusalOf(e));
      return false;
    }
  };
  const edit = (u: UserRecord) => {
    setEditing(u.username);
    setForm({ ...EMPTY, username: u.username, name: u.name, roles: u.roles, department: u.department ?? '', positions: u.positions.join(','), email: u.email ?? '', phone: u.phone ?? '' });
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const positions = form.positions.split(/[,,\s]+/).filter((p) => p !== '');
    const common = { name: form.name.trim(), roles: form.roles, positions };
    const done = editing === null
      ? await act(() => createUser({
        ...common, username: form.username.trim(), password: form.password,
        ...(form.department ? { department: form.department } : {}), ...(form.email ? { email: form.email } : {}), ...(form.phone ? { phone: form.phone } : {}),
      }))
      : await act(() => updateUser(editing, {
        ...common, department: form.department || null, email: form.email || null, phone: form.phone || null, ...(form.password ? { password: form.password } : {}),
      }));
    if (done) {
      setForm(EMPTY);
      setEditing(null);
    }
  };
  const field = (key: 'username' | 'name' | 'password' | 'positions' | 'email' | 'phone', type = 'text') => (
    <label>
      {t(`admin.users.${key}`)}
      <input type={type} value={form[key]} disabled={key === 'username' && editing !== null} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
      {refusal?.fields[`/${key}`] && <span className="error">{refusal.fields[`/${key}`]}</span>}
    </label>
  );

  return (
    <main className="page">
      <AdminTabs />
      <h1>{t('admin.users.title')}</h1>
      {refusal && <p role="alert" className="error" data-testid="admin-error">{refusal.message}</p>}
      <table data-testid="user-list">
        <thead>
          <tr>
            {(['name', 'username', 'roles', 'department', 'positions', 'email', 'phone', 'active'] as const).map((k) => <th key={k} scope="col">{t(`admin.users.${k}`)}</th>)}
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((u) => (
            <tr key={u.username} data-user={u.username}>
              <td>{u.name}</td>
              <td>{u.username}</td>
              <td>{u.roles.map((r) => t(`admin.users.role.${r}`)).join('、')}</td>
              <td>{nameOf(u.department)}</td>
              <td>{u.positions.map(positionLabel).join('、')}</td>
              <td>{u.email ?? ''}</td>
              <td>{u.phone ?? ''}</td>
              <td>{u.active ? t('admin.users.enabled') : t('admin.users.disabled')}</td>
              <td>
                <button type="button" onClick={() => edit(u)}>{t('admin.users.edit')}</button>
                <button type="button" onClick={() => void act(() => updateUser(u.username, { active: !u.active }))}>
                  {u.active ? t('admin.users.deactivate') : t('admin.users.activate')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={(e) => void submit(e)} className="form-grid" data-testid="user-form">
        <h2>{editing === null ? t('admin.users.create') : `${t('admin.users.edit')} ${editing}`}</h2>
        {field('username')}
        {field('name')}
        {field('password', 'password')}
        <fieldset>
          <legend>{t('admin.users.roles')}</legend>
          {ROLES.map((r) => (
            <label key={r}>
              <input type="checkbox" checked={form.roles.includes(r)}
                onChange={(e) => setForm({ ...form, roles: e.target.checked ? [...form.roles, r] : form.roles.filter((x) => x !== r) })} />
              {t(`admin.users.role.${r}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('admin.users.department')}
          <select value={form.department} onChange={(e) => setForm({ ...form, department: e.target.value })}>
            <option value="">{t('admin.none')}</option>
            {(departments.data ?? []).map((d) => <option key={d.code} value={d.code}>{d.name}</option>)}
          </select>
        </label>
        {field('positions')}
        {field('email', 'email')}
        {field('phone', 'tel')}
        <button type="submit">{editing === null ? t('admin.users.create') : t('admin.users.update')}</button>
        {editing !== null && <button type="button" onClick={() => { setEditing(null); setForm(EMPTY); }}>{t('admin.users.cancel')}</button>}
      </form>
    </main>
  );
}

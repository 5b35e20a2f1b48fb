import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createDepartment, updateDepartment } from '../api/admin';
import { listDepartments, type Department } from '../api/departments';
import { usePageTitle } from '../ui/usePageTitle';
import { useRemote } from '../ui/useRemote';
import { AdminTabs, refusalOf } from './AdminTabs';

/** The departments in tree order, each with its depth. */
function treeOrder(departments: readonly Department[]): { d: Department; depth: number }[] {
  const codes = new Set(departments.map((d) => d.code));
  const out: { d: Department; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const d of departments) {
      const p = d.parent !== null && codes.has(d.parent) ? d.parent : null;
      if (p !== parent || seen.has(d.code)) continue;
      seen.add(d.code);
      out.push({ d, depth });
      walk(d.code, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** Departments as a tree (a city, its counties and their bureaus): create one under a parent, or move one. */
export function DepartmentsPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.departments.title'));
  const list = useRemote(listDepartments, []);
  const [form, setForm] = useState({ code: '', name: '', parent: '' });
  const [refusal, setRefusal] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [moves, setMoves] = useState<Record<string, string>>({});
  const departments = list.data ?? [];
  const nameOf = (code: string | null) => departments.find((d) => d.code === code)?.name ?? t('admin.departments.top');

  const act = async (action: () => Promise<unknown>) => {
    setRefusal(null);
    try {
      await action();
      list.reload();
      return true;
    } catch (e) {
      setRefusal(refusalOf(e));
      return false;
    }
  };
  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (await act(() => createDepartment({ code: form.code.trim(), name: form.name.trim(), parent: form.parent === '' ? null : form.parent }))) {
      setForm({ code: '', name: '', parent: '' });
    }
  };
  const parentOptions = (except?: string) => (
    <>
      <option value="">{t('admin.departments.top')}</option>
      {treeOrder(departments).filter(({ d }) => d.code !== except).map(({ d, depth }) => (
        <option key={d.code} value={d.code}>{`${'\u3000'.repeat(depth)}${d.name}`}</option>
      ))}
    </>
  );

  return (
    <main className="page">
      <AdminTabs />
      <h1>{t('admin.departments.title')}</h1>
      {refusal && <p role="alert" className="error" data-testid="admin-error">{refusal.message}</p>}
      <table data-testid="department-tree">
        <thead>
          <tr><th scope="col">{t('admin.departments.name')}</th><th scope="col">{t('admin.departments.parent')}</th><th scope="col">{t('admin.departments.move')}</th></tr>
        </thead>
        <tbody>
          {treeOrder(departments).map(({ d, depth }) => (
            <tr key={d.code} data-department={d.code}>
              <td style={{ paddingLeft: `${depth * 1.5 + 0.5}em` }}>{d.name}</td>
              <td>{nameOf(d.parent)}</td>
              <td>
                <select aria-label={`${d.name} ${t('admin.departments.parent')}`} value={moves[d.code] ?? d.parent ?? ''}
                  onChange={(e) => setMoves({ ...moves, [d.code]: e.target.value })}>
                  {parentOptions(d.code)}
                </select>
                <button type="button" onClick={() => void act(() => updateDepartment(d.code, { parent: (moves[d.code] ?? d.parent ?? '') || null }))}>
                  {t('admin.save')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={(e) => void create(e)} className="form-row" data-testid="department-form">
        <h2>{t('admin.departments.create')}</h2>
        <label>{t('admin.departments.name')}<input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required /></label>
        <label>{t('admin.departments.code')}<input value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} required /></label>
        <label>
          {t('admin.departments.parent')}
          <select value={form.parent} onChange={(e) => setForm({ ...form, parent: e.target.value })}>{parentOptions()}</select>
        </label>
        {refusal?.fields['/parent'] && <span className="error">{refusal.fields['/parent']}</span>}
        <button type="submit">{t('admin.departments.create')}</button>
      </form>
    </main>
  );
}

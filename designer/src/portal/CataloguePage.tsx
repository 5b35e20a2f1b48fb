import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { itemCategories } from '../../../domain/definition';
import { listGuide, type CatalogueFilter, type GuideItem } from '../api/public';
import { SelectField } from '../ui/fields';
import { useRemote } from '../ui/useRemote';
import { PortalField } from './PortalField';

/** 办事指南: every published item, searched by name and filtered by department and category. */
export function CataloguePage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<CatalogueFilter>({});
  const all = useRemote(() => listGuide(), []);
  const items = useRemote(() => listGuide(filter), [filter.q, filter.department, filter.category]);
  // Offered by name; the filter itself takes the code.
  const departments = useMemo(() => {
    const named = new Map((all.data ?? []).map((i) => [i.department, i.departmentName ?? i.department]));
    return [...named].sort(([, a], [, b]) => a.localeCompare(b, 'zh-CN'));
  }, [all.data]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilter((f) => ({ ...f, q: search.trim() || undefined }));
  };
  return (
    <div className="portal-page">
      <h1>{t('portal.catalogue.title')}</h1>
      <form className="portal-filters" onSubmit={submit} role="search" aria-label={t('portal.catalogue.title')}>
        <PortalField name="q" label={t('portal.catalogue.search')} value={search} onChange={setSearch} />
        <SelectField
          label={t('portal.catalogue.department')}
          testId="filter-department"
          value={filter.department ?? ''}
          options={[{ value: '', label: t('common.all') }, ...departments.map(([code, name]) => ({ value: code, label: name }))]}
          onChange={(department) => setFilter((f) => ({ ...f, department: department || undefined }))}
        />
        <SelectField
          label={t('portal.catalogue.category')}
          testId="filter-category"
          value={filter.category ?? ''}
          options={[{ value: '', label: t('common.all') }, ...itemCategories.map((c) => ({ value: c, label: t(`category.${c}`) }))]}
          onChange={(category) => setFilter((f) => ({ ...f, category: category || undefined }))}
        />
        <div className="portal-actions">
          <button type="submit" className="primary">{t('portal.catalogue.filter')}</button>
        </div>
      </form>
      {items.error && <p className="status status--error" role="alert">{t('portal.errors.failed', { reason: items.error })}</p>}
      {items.loading && !items.data && <p className="muted">{t('common.loading')}</p>}
      {items.data && <ItemList items={items.data} />}
    </div>
  );
}

function ItemList({ items }: { items: GuideItem[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="portal-empty" data-testid="catalogue-empty">{t('portal.catalogue.empty')}</p>;
  return (
    <>
      <p className="muted" aria-live="polite">{t('portal.catalogue.count', { count: items.length })}</p>
      <ul className="portal-items" data-testid="catalogue">
        {items.map((item) => (
          <li key={item.code} className="portal-item" data-item={item.code}>
            <Link href={`/public/items/${encodeURIComponent(item.code)}`} className="portal-item-name">
              {item.name}
            </Link>
            <span className="portal-mono muted">{item.code}</span>
            <span>
              {t(`category.${item.category}`)}{item.departmentName !== null && ` · ${item.departmentName}`}
            </span>
            <span>{t('portal.catalogue.limits', { promised: item.promisedDays, statutory: item.statutoryDays })}</span>
            <span>{item.fee.standard === 0 ? t('portal.catalogue.free') : t('portal.catalogue.feeYuan', { amount: item.fee.standard })}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

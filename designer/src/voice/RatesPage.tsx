import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { publicRates, type Rates } from '../api/voice';

/** 好差评公示: satisfaction rates per department and per item. */
export function RatesPage() {
  const { t } = useTranslation();
  const [rates, setRates] = useState<Rates>();
  useEffect(() => {
    publicRates().then(setRates).catch(() => setRates({ departments: [], items: [] }));
  }, []);
  const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
  return (
    <div className="portal-page">
      <h1>{t('voice.rates.title')}</h1>
      {rates && rates.items.length === 0 && <p className="muted">{t('voice.rates.none')}</p>}
      {rates && rates.items.length > 0 && (
        <table className="table" data-testid="rates">
          <thead><tr><th>{t('voice.rates.department')}</th><th>{t('voice.rates.item')}</th><th>{t('voice.rates.count')}</th><th>{t('voice.rates.satisfied')}</th><th>{t('voice.rates.bad')}</th></tr></thead>
          <tbody>
            {rates.departments.map((d) => (
              <tr key={d.department}><th scope="row">{d.departmentName}</th><td>—</td><td>{d.count}</td><td>{pct(d.satisfiedRate)}</td><td>{d.bad}</td></tr>
            ))}
            {rates.items.map((i) => (
              <tr key={`${i.department}|${i.itemCode ?? ''}`}><td>{i.departmentName}</td><td>{i.itemName}</td><td>{i.count}</td><td>{pct(i.satisfiedRate)}</td><td>{i.bad}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

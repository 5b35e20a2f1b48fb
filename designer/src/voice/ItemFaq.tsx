import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { itemFaq, type FaqEntry } from '../api/voice';

/** The guide's 常见问题 (questions the department published) and the way to ask one. */
export function ItemFaq({ itemCode }: { itemCode: string }) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<FaqEntry[]>([]);
  useEffect(() => {
    itemFaq(itemCode).then((f) => setEntries(f.items)).catch(() => setEntries([]));
  }, [itemCode]);
  return (
    <section className="portal-panel" data-testid="item-faq">
      <h2>{t('voice.faq.title')}</h2>
      {entries.length === 0 ? <p className="muted">{t('voice.faq.none')}</p> : (
        <dl>{entries.map((e) => (<div key={e.consultationNo}><dt>{e.question}</dt><dd>{e.answer}</dd></div>))}</dl>
      )}
      <Link href={`/public/consultations/new/${encodeURIComponent(itemCode)}`} data-testid="ask-link">{t('voice.ask.title')}</Link>
    </section>
  );
}

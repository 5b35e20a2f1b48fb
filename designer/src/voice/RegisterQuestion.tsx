import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { newIdempotencyKey } from '../api/client';
import { listGuide, type GuideItem } from '../api/public';
import { registerQuestion, type AskedQuestion } from '../api/voice';
import { problemText } from './problemText';

/** 登记电话咨询: staff register a caller's question about an item; it is routed to the item's department. */
export function RegisterQuestion() {
  const { t } = useTranslation();
  const [itemCode, setItemCode] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [question, setQuestion] = useState('');
  const [error, setError] = useState<string>();
  const [asked, setAsked] = useState<AskedQuestion>();
  const [key, setKey] = useState(newIdempotencyKey);
  const [items, setItems] = useState<GuideItem[]>([]);
  useEffect(() => {
    listGuide().then(setItems).catch(() => setItems([]));
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    const tel = phone.trim();
    registerQuestion({ itemCode: itemCode.trim(), asker: { name: name.trim(), ...(tel !== '' && { phone: tel }) }, question: question.trim() }, key)
      .then((a) => {
        setAsked(a);
        setKey(newIdempotencyKey());
      })
      .catch((e: unknown) => setError(problemText(e)));
  };
  return (
    <form onSubmit={submit} data-testid="register-question">
      <h2>{t('voice.staff.registerPhone')}</h2>
      <label htmlFor="q-item">{t('voice.ask.item')}</label>
      <select id="q-item" value={itemCode} onChange={(e) => setItemCode(e.target.value)}>
        <option value="" />
        {items.map((i) => <option key={i.code} value={i.code}>{i.name}</option>)}
      </select>
      <label htmlFor="q-name">{t('voice.ask.name')}</label>
      <input id="q-name" value={name} onChange={(e) => setName(e.target.value)} />
      <label htmlFor="q-phone">{t('voice.ask.phone')}</label>
      <input id="q-phone" value={phone} onChange={(e) => setPhone(e.target.value)} />
      <label htmlFor="q-question">{t('voice.ask.question')}</label>
      <textarea id="q-question" value={question} onChange={(e) => setQuestion(e.target.value)} maxLength={2000} />
      <button type="submit" className="primary">{t('voice.staff.registerPhone')}</button>
      {error && <p className="status status--error" role="alert">{error}</p>}
      {asked && (
        <p role="status">
          {t('voice.ask.number')} <Link href={`/consultations/${asked.consultationNo}`}>{asked.consultationNo}</Link>,{t('voice.ask.code')} {asked.queryCode}
        </p>
      )}
    </form>
  );
}

import { useTranslation } from 'react-i18next';
import type { Notice } from '../api/notices';
import { localToday } from '../ui/format';
import { officialDate } from './official-date';

type Content = Notice['content'];
const date = (d: string | null | undefined) => (d ? officialDate(d) : '—');

/** The body of each kind of notice, in the standard form's wording. */
function Body({ kind, c }: { kind: Notice['kind']; c: Content }) {
  const { t } = useTranslation();
  if (kind === 'acceptance') {
    return (
      <p>
        {t('front.notice.acceptanceText', { date: date(c.acceptedDate), item: c.itemName, promised: c.promisedDays, statutory: c.statutoryDays, deadline: date(c.deadlineDate) })}
      </p>
    );
  }
  if (kind === 'supplement') {
    return (
      <>
        <p>{t('front.notice.supplementText', { item: c.itemName })}</p>
        <ol>{(c.materials ?? []).map((m) => <li key={m}>{m}</li>)}</ol>
        <p>{t('front.notice.supplementBy', { days: c.supplementDays, date: date(c.supplementBy) })}</p>
      </>
    );
  }
  if (kind === 'refusal') {
    return (
      <>
        <p>{t('front.notice.refusalText', { item: c.itemName })}</p>
        <p>{t('front.notice.reason', { reason: c.reason })}</p>
        <p>{t('front.notice.remedy', { department: c.departmentName, days: c.reviewDays, months: c.litigationMonths })}</p>
      </>
    );
  }
  return <p>{t('front.notice.conclusionText', { item: c.itemName, date: date(c.concludedDate), outcome: t(`outcome.${c.outcome ?? ''}`, { defaultValue: c.outcome ?? '' }) })}</p>;
}

/** A notice as printed: the department's name, the title, the number, the addressee, the text, the seal line and the date. */
export function NoticeSheet({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  const c = notice.content;
  return (
    <article className="paper notice" data-testid={`notice-${notice.kind}`} data-number={notice.number}>
      <p className="paper-issuer">{c.departmentName}</p>
      <h1 className="paper-title">{t(`front.notice.kinds.${notice.kind}`)}</h1>
      <p className="paper-number">{notice.number}</p>
      <p>{t('front.notice.to', { name: c.applicantName })}</p>
      <p>{t('front.notice.opening', { date: officialDate(localToday(Date.parse(c.submittedAt))), item: c.itemName, caseNo: notice.caseNo })}</p>
      <Body kind={notice.kind} c={c} />
      <p className="paper-sign">{t('front.notice.seal', { department: c.departmentName })}<br />{officialDate(c.issuedDate)}</p>
    </article>
  );
}

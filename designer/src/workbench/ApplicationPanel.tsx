import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { getApplication } from '../api/front-desk';
import { useSession } from '../auth/session';
import { useRemote } from '../ui/useRemote';
import { displayValue } from './form-fields';

/**
 * The application on the case page: the applicant, the form with the item's field titles and
 * enum labels, and the materials checklist with what was received. Cases reported by external
 * systems have no registered application here, and the panel is left out.
 */
export function ApplicationPanel({ caseNo, department }: { caseNo: string; department: string }) {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const application = useRemote(() => getApplication(caseNo), [caseNo]);
  const a = application.data;
  if (!a) return null;
  const properties = a.formSchema.properties ?? {};
  const names = [...Object.keys(properties), ...Object.keys(a.data).filter((k) => !(k in properties))];
  const yesNo = { yes: t('front.application.yes'), no: t('front.application.no') };
  const mayPrint = user !== null && (user.roles.includes('administrator') || (user.roles.includes('clerk') && user.department === department));
  return (
    <section className="application-view" aria-labelledby="application-title" data-testid="application">
      <h2 id="application-title">{t('front.application.title')}</h2>
      {mayPrint && (
        <p className="button-row">
          <Link href={`/cases/${encodeURIComponent(caseNo)}/receipt`} data-testid="reprint-receipt">{t('front.application.receipt')}</Link>
          <Link href={`/cases/${encodeURIComponent(caseNo)}/notices`} data-testid="open-notices">{t('front.application.notices')}</Link>
        </p>
      )}
      <dl className="app-facts">
        <div className="fact">
          <dt>{t('front.application.applicant')}</dt>
          <dd data-testid="application-applicant">{a.applicant.name}{a.applicant.kind && ` (${t(`application.${a.applicant.kind}`, { defaultValue: a.applicant.kind })})`}</dd>
        </div>
        {a.applicant.phone && (
          <div className="fact">
            <dt>{t('application.phone')}</dt>
            <dd>{a.applicant.phone}</dd>
          </div>
        )}
        {names.map((name) => (
          <div key={name} className="fact" data-field={name}>
            <dt>{properties[name]?.title ?? name}</dt>
            <dd data-testid={`application-${name}`}>{displayValue(properties[name], a.data[name], yesNo)}</dd>
          </div>
        ))}
      </dl>
      <h3>{t('front.application.materials')}</h3>
      <ul className="checklist" data-testid="application-materials">
        {a.materials.map((m) => (
          <li key={m.name} className={m.received ? 'is-received' : undefined}>
            {m.received ? '☑' : '☐'} {m.name}{m.required ? ' *' : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { AlertFeed } from './AlertFeed';
import { usePageTitle } from '../ui/usePageTitle';
import { CaseBoard } from './CaseBoard';

/** The supervision console: the live case board beside the alert feed. */
export function ConsolePage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.console'));
  return (
    <main className="page console" aria-label={t('nav.console')}>
      <CaseBoard />
      <AlertFeed />
    </main>
  );
}

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The window's title names the page, then the product. */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} - ${t('app.name')}`;
  }, [title, t]);
}

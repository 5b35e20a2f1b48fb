import { useTranslation } from 'react-i18next';

/** 中文 / English; the choice is remembered. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  return (
    <button
      type="button"
      className="lang"
      lang={english ? 'zh-CN' : 'en'}
      aria-label={t('nav.language')}
      data-testid="language-switch"
      onClick={() => void i18n.changeLanguage(english ? 'zh-CN' : 'en')}
    >
      {english ? '中文' : 'English'}
    </button>
  );
}

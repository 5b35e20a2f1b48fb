import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { adminTexts } from './admin';
import { anomalyTexts } from './anomaly';
import { describeTexts } from './describe';
import { designTexts } from './design';
import { deskTexts } from './desk';
import { en } from './en';
import { evaluationTexts } from './evaluation';
import { listsTexts } from './lists';
import { frontDeskTexts } from './front-desk';
import { oversightTexts } from './oversight';
import { portalTexts } from './portal';
import { voiceTexts } from './voice';
import { zh } from './zh';

/** Each feature's texts live in a file of their own under a key of their own. */
const features = [portalTexts, oversightTexts, evaluationTexts, describeTexts, deskTexts, voiceTexts, anomalyTexts, listsTexts, adminTexts, frontDeskTexts, designTexts];

const STORAGE_KEY = 'sunlight.language';
const stored = globalThis.localStorage?.getItem(STORAGE_KEY);

/** zh-CN by default; the English switch is remembered across visits. */
void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: Object.assign({}, zh, ...features.map((f) => f.zh)) },
    en: { translation: Object.assign({}, en, ...features.map((f) => f.en)) },
  },
  lng: stored === 'en' ? 'en' : 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

i18n.on('languageChanged', (lng) => {
  globalThis.localStorage?.setItem(STORAGE_KEY, lng);
  document.documentElement.lang = lng;
});

export default i18n;

// For unit tests (they run in Node, without the page's i18n instance and its document): the English
// catalogs in an instance of their own, given to react-i18next too, so components render English.
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { en } from '../i18n/en'

const english = i18next.createInstance()
void english.use(initReactI18next).init({
  resources: { en },
  lng: 'en',
  defaultNS: 'common',
  ns: Object.keys(en),
  interpolation: { escapeValue: false },
  initAsync: false,
})

/** The chat namespace's `t`, in English. */
export const englishChat = english.getFixedT('en', 'chat')

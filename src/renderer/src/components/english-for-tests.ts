// For unit tests: the page's own i18n instance, in English, and the chat namespace's `t` from it.
import { i18n } from '../i18n/i18n'

void i18n.changeLanguage('en')

/** The chat namespace's `t`, in English. */
export const englishChat = i18n.getFixedT('en', 'chat')

// Typed keys: t() accepts only keys of the English catalog, with the namespaces it has.
import 'i18next'
import type { en } from './en'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common'
    resources: typeof en
  }
}

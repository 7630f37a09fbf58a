// English words of errors and notices from the main process, one per wording code (shared/wording.ts),
// plus the page's own. Keys are typed: t('errors:…') with a key not here fails to compile.
export const errors = {
  unexpected: 'Something went wrong: {{detail}}',
  tryAgain: 'Something went wrong. Try again.',
} as const

// English words of the page's own errors. The main process's errors are worded in shared/wording/. Keys are typed: t('errors:…') with a key not here fails to compile.
export const errors = {
  unexpected: 'Something went wrong: {{detail}}',
  tryAgain: 'Something went wrong. Try again.',
} as const

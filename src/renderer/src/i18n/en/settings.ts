// English words of Settings. Keys are typed: t('settings:…') with a key not here fails to compile.
export const settings = {
  language: {
    title: 'Language',
    label: 'Language',
    system: 'Same as the computer',
    hint: 'Every screen, error and notice switches at once. Menus follow it too.',
  },
} as const

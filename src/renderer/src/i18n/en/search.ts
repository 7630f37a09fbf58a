// English words of the search namespace. Keys are typed: t('search:…') with a key not here fails to compile.
export const search = {
  find: {
    label: 'Find in chat',
    placeholder: 'Find in this chat',
    noMatches: 'No matches',
    position: '{{at}} of {{total}}',
    elsewhere: ' ({{value}} more on other branches)',
    previous: 'Previous match',
    next: 'Next match',
    close: 'Close find',
  },
  dialog: {
    title: 'Search',
    label: 'Search chats',
    placeholder: 'Search every chat',
    filters: 'Filters:',
    nothing: 'Nothing found.',
    results: 'Results',
    chatTitle: 'Chat title',
    you: 'You',
    assistant: 'Assistant',
  },
} as const

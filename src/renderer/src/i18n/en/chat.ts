// English words of the chat namespace. Keys are typed: t('chat:…') with a key not here fails to compile.
export const chat = {} as const

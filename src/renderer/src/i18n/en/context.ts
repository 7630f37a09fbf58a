// English words of the context namespace. Keys are typed: t('context:…') with a key not here fails to compile.
export const context = {} as const

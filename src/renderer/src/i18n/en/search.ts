// English words of the search namespace. Keys are typed: t('search:…') with a key not here fails to compile.
export const search = {} as const

// English words of the compare namespace. Keys are typed: t('compare:…') with a key not here fails to compile.
export const compare = {} as const

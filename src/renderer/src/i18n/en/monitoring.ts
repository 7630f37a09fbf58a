// English words of the monitoring namespace. Keys are typed: t('monitoring:…') with a key not here fails to compile.
export const monitoring = {} as const

// The page's first Intl formatter costs tens of milliseconds (ICU loads its locale data). Made at a
// module's top level, it falls on the start-up's longest task even when the first screen formats
// nothing; made on first use, it costs only whoever needs it.

/** `make()` on the first call, the same value on every later one. */
export function madeOnce<T>(make: () => T): () => T {
  let made: T | undefined
  return () => {
    made ??= make()
    return made
  }
}

// The shape every language's catalog must have: the English catalog's keys, each with its own words.
// A key missing from another language is a type error, and catalogs.test.ts checks the same at run time.

/** The English catalog's shape, with any words in place of its literal strings. */
export type Catalog<T> = { readonly [K in keyof T]: T[K] extends string ? string : Catalog<T[K]> }

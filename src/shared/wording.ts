// Errors and notices cross from the main process to the page as a code with parameters, never as an
// English sentence: the page words them in the person's language (the `errors` catalog), and a stored
// answer's error keeps its code, so it reads in the new language after a switch. Each code lists the
// parameters its words may use.

export interface WordingParams {
  /** Anything the main process did not word for a person: its English text, shown as it is. */
  unworded: { text: string }
}

export type WordingCode = keyof WordingParams

export type Wording = { [C in WordingCode]: { code: C; params: WordingParams[C] } }[WordingCode]

export function wording<C extends WordingCode>(code: C, params: WordingParams[C]): Wording {
  return { code, params } as Wording
}

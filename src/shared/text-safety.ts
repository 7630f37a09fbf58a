// Text that will be shown as a label (a chat title) must not be able to disguise itself or what sits
// next to it, and text that will be stored must survive as typed.

// Embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), the directional marks
// (U+200E, U+200F) and the Arabic letter mark (U+061C): invisible characters that reorder what follows.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g

/** The text without bidirectional control characters: a title cannot reverse itself or its neighbours. */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '')
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * Half of a UTF-16 pair (from a bad paste or a program cutting text mid-emoji) cannot be stored as
 * UTF-8: SQLite would silently turn it into U+FFFD. It is refused instead, with this sentence.
 */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text)
}

export const LONE_SURROGATE_MESSAGE =
  'The text contains a broken character (half of an emoji or symbol). Remove it, or copy the text again.'

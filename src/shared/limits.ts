// Limits the page checks before it calls, beside the main process that enforces them (contract.ts
// re-exports these). Plain numbers with no imports, so the page can know them without loading the
// contract's zod schemas.

/** Larger than any sensible paste, small enough that one message cannot exhaust memory or a context. */
export const MAX_MESSAGE_CHARS = 500_000
/** A provider export is small; this leaves room for thousands of models without letting a stray file in. */
export const MAX_IMPORT_CHARS = 2_000_000

/** The most models one message goes to side by side. */
export const MAX_COMPARE_MODELS = 8

// Import chats: the largest file taken (refused by its size, unread), and the piece it travels in.
export const MAX_CHAT_FILE_BYTES = 1024 * 1024 * 1024
export const CHAT_FILE_PIECE_BYTES = 1024 * 1024

// A chat's title as text fit for the sidebar: its first words at once, or what a model proposed later.
// Either way no markdown, `#directive`, control character or line break reaches it.
import { extractJson } from '../../../shared/json-extract'
import { stripBidiControls } from '../../../shared/text-safety'
import { DEFAULT_CHAT_TITLE } from '../store/chat-store'

const TITLE_CHARS = 60

/** The first line with words in it, plain, cut to fit. */
export function titleFrom(text: string): string {
  const line =
    stripBidiControls(text)
      .split('\n')
      .map(plainWords)
      .find((candidate) => candidate.length > 0) ?? ''
  return line.length === 0 ? DEFAULT_CHAT_TITLE : shortened(line)
}

/** What a model proposed, as a title: from its JSON if it gave some, without quotes or a label. */
export function cleanTitle(said: string): string {
  const extracted = extractJson(said)
  const proposed =
    (extracted.kind === 'json' ? (extracted.value as { title?: unknown })?.title : undefined) ?? said
  const line =
    stripBidiControls(String(proposed))
      .split('\n')
      .map(plainWords)
      .find((candidate) => candidate.length > 0) ?? ''
  const bare = line
    .replace(/^\s*title\s*:\s*/i, '')
    .replace(/^["'“”‘’«»]+|["'“”‘’«».!?,;:]+$/g, '')
    .trim()
  return bare.length === 0 ? '' : shortened(bare)
}

/** A line without markdown marks or `#directive` words, spaces collapsed. */
function plainWords(line: string): string {
  return line
    .replace(/(^|\s)#\S*/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~>#]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

function shortened(title: string): string {
  return title.length <= TITLE_CHARS ? title : `${title.slice(0, TITLE_CHARS - 1).trimEnd()}…`
}

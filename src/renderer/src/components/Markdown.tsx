// Model output is hostile input: raw HTML stays text, links go only to http(s) and open outside the
// app, and remote images are never fetched (the person gets a link instead).
import { memo } from 'react'
import { type Components, defaultRehypePlugins, Streamdown, type UrlTransform } from 'streamdown'
import { safeWebUrl } from '../safe-url'

const keepWebUrlsOnly: UrlTransform = (url) => safeWebUrl(url)

// Streamdown's defaults include rehype-raw, which turns HTML in the text into elements (then sanitizes
// them). Without it, HTML a model writes is shown as the text it is.
const rehypePlugins = [defaultRehypePlugins.sanitize, defaultRehypePlugins.harden].filter(
  (plugin) => plugin !== undefined,
)

const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  img: ({ src, alt }) => {
    const target = typeof src === 'string' ? src : null
    const label = alt?.trim() ? alt : 'image'
    return (
      <span className="blocked-image">
        Image not loaded: {label}
        {target && (
          <>
            {' '}
            (
            <a href={target} target="_blank" rel="noopener noreferrer nofollow">
              open in browser
            </a>
            )
          </>
        )}
      </span>
    )
  },
}

interface MarkdownProps {
  text: string
  streaming: boolean
  /** Text that stops mid-way (still streaming, stopped, interrupted): open markers like `**` are closed. */
  incomplete?: boolean
}

export const Markdown = memo(function Markdown({ text, streaming, incomplete = streaming }: MarkdownProps) {
  return (
    <Streamdown
      className="markdown"
      // Only streaming mode repairs unfinished markdown; static mode would show a cut-off `**wo` raw.
      mode={incomplete ? 'streaming' : 'static'}
      isAnimating={streaming}
      rehypePlugins={rehypePlugins}
      urlTransform={keepWebUrlsOnly}
      components={components}
      controls={false}
      linkSafety={{ enabled: false }}
    >
      {text}
    </Streamdown>
  )
})

// Model output is hostile input: raw HTML stays text, links go only to http(s) and open outside the
// app, and remote images are never fetched (the person gets a link instead).
import { code } from '@streamdown/code'
import { createMathPlugin } from '@streamdown/math'
import 'katex/dist/katex.min.css'
import { memo, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { type Components, defaultRehypePlugins, Streamdown, type UrlTransform } from 'streamdown'
import { safeWebUrl } from '../safe-url'
import './markdown.css'
import { MermaidBlock } from './MermaidBlock'
import { normalizeMath } from './math-delimiters'

const keepWebUrlsOnly: UrlTransform = (url) => safeWebUrl(url)

// Streamdown's defaults include rehype-raw, which turns HTML in the text into elements (then sanitizes
// them). Without it, HTML a model writes is shown as the text it is.
const rehypePlugins = [defaultRehypePlugins.sanitize, defaultRehypePlugins.harden].filter(
  (plugin) => plugin !== undefined,
)

// Shiki loads each language's grammar when a block first needs it; KaTeX draws $…$, $$…$$, \(…\), \[…\].
// A ```mermaid block is drawn by MermaidBlock once it is complete (streamdown's own Mermaid support puts
// the SVG, with its inline styles, into the page, which the CSP forbids).
const plugins = {
  code,
  math: createMathPlugin({ singleDollarTextMath: true }),
  renderers: [{ language: 'mermaid', component: MermaidBlock }],
}
// A Copy button on every code block and table; nothing is downloaded from an answer.
const controls = {
  code: { copy: true, download: false },
  table: { copy: true, download: false, fullscreen: false },
}
const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  img: ({ src, alt }) => <BlockedImage src={typeof src === 'string' ? src : null} alt={alt} />,
}

function BlockedImage({ src, alt }: { src: string | null; alt: string | undefined }) {
  const { t } = useTranslation('chat')
  const label = alt?.trim() ? alt : t('markdown.image')
  return (
    <span className="blocked-image">
      {t('markdown.imageNotLoaded', { label })}
      {src && (
        <>
          {' '}
          (
          <a href={src} target="_blank" rel="noopener noreferrer nofollow">
            {t('markdown.openInBrowser')}
          </a>
          )
        </>
      )}
    </span>
  )
}

interface MarkdownProps {
  text: string
  streaming: boolean
  /** Text that stops mid-way (still streaming, stopped, interrupted): open markers like `**` are closed. */
  incomplete?: boolean
}

export const Markdown = memo(function Markdown({ text, streaming, incomplete = streaming }: MarkdownProps) {
  const { t } = useTranslation('common')
  const prepared = useMemo(() => normalizeMath(text), [text])
  const translations = useMemo(() => ({ copyCode: t('copy'), copied: t('copied') }), [t])
  return (
    <Streamdown
      className="markdown"
      // Only streaming mode repairs unfinished markdown; static mode would show a cut-off `**wo` raw.
      mode={incomplete ? 'streaming' : 'static'}
      isAnimating={streaming}
      rehypePlugins={rehypePlugins}
      urlTransform={keepWebUrlsOnly}
      components={components}
      plugins={plugins}
      controls={controls}
      translations={translations}
      linkSafety={{ enabled: false }}
    >
      {prepared}
    </Streamdown>
  )
})

import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import './english-for-tests'
import { loadMarkdown, useMarkdown } from './markdown-module'

function Answer({ text }: { text: string }) {
  const Markdown = useMarkdown()
  return Markdown ? <Markdown text={text} streaming={false} /> : <div className="markdown-plain">{text}</div>
}

describe('markdown-module', () => {
  it('hands out no formatter until it has loaded, then the Markdown component', async () => {
    expect(renderToStaticMarkup(<Answer text="Some **bold** text" />)).toBe(
      '<div class="markdown-plain">Some **bold** text</div>',
    )
    await loadMarkdown()
    const html = renderToStaticMarkup(<Answer text="Some **bold** text" />)
    expect(html).toMatch(/class="[^"]*\bmarkdown\b/)
    expect(html).toMatch(/>bold</)
    expect(html).not.toContain('**')
  })

  it('loads the formatter once, however often it is asked for', () => {
    expect(loadMarkdown()).toBe(loadMarkdown())
  })
})

// When a ```mermaid block is drawn: only once it is complete. Rendered on the server side of React, so
// no drawing starts (effects do not run); what is checked is which of the two a block shows.
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import './english-for-tests'
import { Markdown } from './Markdown'

const FLOW = 'flowchart LR\n  A --> B'

function render(text: string, streaming: boolean): string {
  return renderToStaticMarkup(<Markdown text={text} streaming={streaming} />)
}

describe('a mermaid block', () => {
  it('shows its source as a code block while its closing fence has not arrived', () => {
    const html = render(`Here:\n\n\`\`\`mermaid\n${FLOW}`, true)
    expect(html).toContain('data-streamdown="code-block"')
    expect(html).toContain('data-incomplete="true"')
    expect(html).not.toContain('mermaid-block')
  })

  it('is to be drawn once its closing fence arrived, while the rest still streams', () => {
    const html = render(`Here:\n\n\`\`\`mermaid\n${FLOW}\n\`\`\`\n\nAnd then`, true)
    expect(html).toContain('data-streamdown="mermaid-block"')
    expect(html).toContain('Drawing…')
  })

  it('is to be drawn when the answer ends, even with the fence left open', () => {
    const html = render(`Here:\n\n\`\`\`mermaid\n${FLOW}`, false)
    expect(html).toContain('data-streamdown="mermaid-block"')
  })

  it('leaves other code blocks as they were', () => {
    const html = render('```ts\nconst a = 1\n```', false)
    expect(html).not.toContain('mermaid-block')
    expect(html).toContain('data-streamdown="code-block"')
  })
})

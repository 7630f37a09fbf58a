import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import './english-for-tests'
import { Markdown } from './Markdown'

function render(text: string, streaming = false): string {
  return renderToStaticMarkup(<Markdown text={text} streaming={streaming} />)
}

/** Whether any tag in the markup carries an attribute matching `attribute` (text content is not looked at). */
function hasAttribute(html: string, attribute: RegExp): boolean {
  return [...html.matchAll(/<[a-z][^>]*>/gi)].some((tag) => attribute.test(tag[0]))
}

/** The href of every anchor in the markup. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*\shref="([^"]*)"/g)].map((match) => match[1] as string)
}

describe('Markdown', () => {
  it('renders ordinary markdown', () => {
    const html = render('# Title\n\nSome **bold** text and `code`.')
    expect(html).toContain('Title</h1>')
    expect(html).toMatch(/>bold</)
    expect(html).not.toContain('**')
    expect(html).toMatch(/<code[^>]*>code<\/code>/)
  })

  it('shows raw HTML as text: no element, script or event handler is created from it', () => {
    const html = render('<script>alert(1)</script><b onclick=x>hi</b>')
    expect(html).not.toMatch(/<script/i)
    expect(hasAttribute(html, /\sonclick\s*=/i)).toBe(false)
    expect(html).not.toMatch(/<b[\s>]/i)
    expect(html).toContain('&lt;b onclick=x&gt;hi')
  })

  it.each([
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    '<div style="background:url(https://evil.example/track.png)">styled</div>',
  ])('leaves nothing active from the raw HTML %s', (text) => {
    const html = render(text)
    expect(hasAttribute(html, /\son[a-z]+\s*=/i)).toBe(false)
    expect(html).not.toMatch(/<(script|iframe|svg|img|object|embed)\b/i)
    expect(hasAttribute(html, /javascript:/i)).toBe(false)
    expect(hasAttribute(html, /\sstyle\s*=/i)).toBe(false)
  })

  it('does not link a javascript: URL', () => {
    const html = render('[x](javascript:alert(1))')
    expect(html).not.toMatch(/javascript:/i)
    expect(hrefs(html)).toEqual([])
    expect(html).toContain('x')
  })

  it.each(['[x](data:text/html,hi)', '[x](file:///etc/passwd)', '[x](vbscript:msgbox)'])(
    'does not link the non-web URL in %s',
    (text) => {
      expect(hrefs(render(text))).toEqual([])
    },
  )

  it('opens a web link outside the app', () => {
    const html = render('[ok](https://example.com)')
    const anchor = html.match(/<a\b[^>]*>/)?.[0] ?? ''
    expect(anchor).toMatch(/href="https:\/\/example\.com\/?"/)
    expect(anchor).toContain('target="_blank"')
    expect(anchor).toMatch(/rel="[^"]*\bnoopener\b[^"]*"/)
    expect(html).toMatch(/>ok<\/a>/)
  })

  it('does not load a remote image, offering a link instead', () => {
    const html = render('![alt](https://evil.example/a.png)')
    expect(html).not.toMatch(/<img/i)
    expect(html).toContain('Image not loaded')
    expect(html).toContain('alt')
    for (const href of hrefs(html)) expect(href).toMatch(/^https:\/\/evil\.example\/a\.png$/)
  })

  it('does not load a remote image given as raw HTML', () => {
    const html = render('<img src="https://evil.example/pixel.png">')
    expect(html).not.toMatch(/<img/i)
  })

  it('names an image without alt text', () => {
    const html = render('![](https://evil.example/a.png)')
    expect(html).not.toMatch(/<img/i)
    expect(html).toContain('Image not loaded')
  })

  it('does not link a data: image', () => {
    const html = render('![pic](data:image/png;base64,AAAA)')
    expect(html).not.toMatch(/<img/i)
    expect(html).not.toContain('data:image')
  })

  it('renders while streaming without loosening any of this', () => {
    const html = render(
      'Partial [x](javascript:alert(1)) ![i](https://evil.example/a.png) <script>x</script>',
      true,
    )
    expect(html).not.toMatch(/javascript:/i)
    expect(html).not.toMatch(/<img|<script/i)
    expect(html).toContain('Partial')
  })

  it('closes markers an answer cut mid-way left open, without streaming', () => {
    const cut = renderToStaticMarkup(<Markdown text="word **wo" streaming={false} incomplete />)
    expect(cut).not.toContain('**')
    expect(cut).toMatch(/<span[^>]*data-streamdown="strong"[^>]*>wo<\/span>/)
    expect(render('word **wo')).toContain('**wo')
  })
})

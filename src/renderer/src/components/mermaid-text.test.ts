import { describe, expect, it } from 'vitest'
import { englishChat as t } from './english-for-tests'
import { describeDiagramError, diagramAlt, effectiveScheme, restoreStyles, sizeSvg } from './mermaid-text'

describe('effectiveScheme', () => {
  it('follows the Theme setting when it is set', () => {
    expect(effectiveScheme('dark', false)).toBe('dark')
    expect(effectiveScheme('light', true)).toBe('light')
  })

  it('follows the system when the setting is absent or unknown', () => {
    expect(effectiveScheme(undefined, true)).toBe('dark')
    expect(effectiveScheme(undefined, false)).toBe('light')
    expect(effectiveScheme('system', true)).toBe('dark')
  })
})

describe('diagramAlt', () => {
  it('names the diagram by its first line', () => {
    expect(diagramAlt('\n  flowchart LR\n  A --> B\n', t)).toBe('Diagram: flowchart LR')
  })

  it('skips comments and front matter markers', () => {
    expect(diagramAlt('%% a comment\n---\nsequenceDiagram\n', t)).toBe('Diagram: sequenceDiagram')
  })

  it('shortens a long first line and copes with an empty source', () => {
    const alt = diagramAlt(`pie title ${'x'.repeat(200)}`, t)
    expect(alt.length).toBeLessThanOrEqual('Diagram: '.length + 80)
    expect(alt.endsWith('…')).toBe(true)
    expect(diagramAlt('   \n', t)).toBe('Diagram')
  })
})

describe('describeDiagramError', () => {
  it('keeps where a parse failed and what was expected, on one line', () => {
    const error = new Error(
      "Parse error on line 2:\n...LR  A --> (\n---------------^\nExpecting 'SQE', 'PE', got 'EOF'",
    )
    expect(describeDiagramError(error)).toBe("Parse error on line 2: Expecting 'SQE', 'PE', got 'EOF'")
  })

  it('takes the first line of other errors, and is never long or empty', () => {
    expect(describeDiagramError(new Error('No diagram type detected matching given configuration'))).toBe(
      'No diagram type detected matching given configuration',
    )
    expect(describeDiagramError(new Error('x'.repeat(500))).length).toBeLessThanOrEqual(160)
    expect(describeDiagramError(undefined)).toBe('unknown error')
    expect(describeDiagramError('plain text')).toBe('plain text')
  })
})

describe('sizeSvg', () => {
  it('gives the root the viewBox size in place of width 100% and a max-width style', () => {
    const sized = sizeSvg(
      '<svg id="m" width="100%" xmlns="http://www.w3.org/2000/svg" style="max-width: 120.5px;" viewBox="-8 -8 120.5 60"><g/></svg>',
    )
    expect(sized).toEqual({
      svg: '<svg width="121" height="60" id="m" xmlns="http://www.w3.org/2000/svg" viewBox="-8 -8 120.5 60"><g/></svg>',
      width: 121,
      height: 60,
    })
  })

  it('leaves the styles of inner elements alone', () => {
    const sized = sizeSvg('<svg viewBox="0 0 10 10"><rect style="fill:red" width="5"/></svg>')
    expect(sized?.svg).toBe(
      '<svg width="10" height="10" viewBox="0 0 10 10"><rect style="fill:red" width="5"/></svg>',
    )
  })

  it('refuses what it cannot size', () => {
    expect(sizeSvg('<div></div>')).toBeNull()
    expect(sizeSvg('<svg width="100%"></svg>')).toBeNull()
    expect(sizeSvg('<svg viewBox="0 0 0 10"></svg>')).toBeNull()
  })
})

describe('restoreStyles', () => {
  const names = { attribute: 'data-rtX-style', element: 'rtX-css' }

  it('turns the renamed attributes back into styles and puts the CSS first, escaped for XML', () => {
    const svg =
      '<svg id="m"><rtX-css></rtX-css><g data-rtX-style="fill:red"><text>data-rtX-style= stays text</text></g></svg>'
    expect(restoreStyles(svg, { ...names, css: ['#m .a > b{fill:#333}', 'x{content:"<&"}'] })).toBe(
      '<svg id="m"><style>#m .a > b{fill:#333}\nx{content:"&lt;&amp;"}</style><g style="fill:red"><text>data-rtX-style= stays text</text></g></svg>',
    )
  })

  it('adds no style element when there is no CSS', () => {
    expect(restoreStyles('<svg><g data-rtX-style="a"/></svg>', { ...names, css: [] })).toBe(
      '<svg><g style="a"/></svg>',
    )
  })
})

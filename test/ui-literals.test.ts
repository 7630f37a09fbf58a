// Every word the page shows comes from the catalogs: none is written into a component, so none is
// left in English when the page is in Chinese. The checker is in support/ui-literals.ts.
import { describe, expect, it } from 'vitest'
import { uiLiterals, uiLiteralsIn } from './support/ui-literals'

describe('words in components', () => {
  it('finds none in the page: each comes from a catalog', () => {
    const found = uiLiterals([new URL('../src/renderer/src', import.meta.url).pathname])
    expect(found.map((item) => `${item.file}:${item.line} ${item.text}`)).toEqual([])
  })

  it('would find JSX text, text attributes, shown strings and label fields', () => {
    const source = `
      const THEMES = [{ value: 'light', label: 'Light' }]
      export function Bad({ busy }: { busy: boolean }) {
        return (
          <div aria-label="Close the dialog" className="icon-button">
            Save changes
            {busy ? 'Saving…' : t('done')}
            <input placeholder={\`Search \${count} chats\`} />
            <span>{'·'} 42 {t('ok')}</span>
          </div>
        )
      }`
    expect(uiLiteralsIn('bad.tsx', source).map((item) => item.text)).toEqual([
      'Light',
      'Close the dialog',
      'Save changes',
      'Saving…',
      'Search chats',
    ])
  })
})

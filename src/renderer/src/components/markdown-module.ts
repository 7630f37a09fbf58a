// Markdown.tsx and what it brings (streamdown, its Markdown and HTML parsers, Shiki, KaTeX) is most of
// the page's script. As a chunk of its own it no longer holds back the first screen: it is loaded once
// that screen is up (App, or the first answer shown), and answers show their text as written until it
// is here. Loaded at page start instead, its evaluation and the formatting of every answer on screen
// fell inside the first render's long task (about 300 ms later to the latest message, measured).
import { startTransition, useEffect, useState } from 'react'
import type { Markdown } from './Markdown'
// In the first stylesheet, not the chunk's: it also lays out the plain text shown meanwhile.
import './markdown.css'

type MarkdownComponent = typeof Markdown

let loaded: MarkdownComponent | null = null
let loading: Promise<void> | null = null
const waiting = new Set<() => void>()

/** Starts loading the Markdown renderer (once); after a failed load, the next call tries again. */
export function loadMarkdown(): Promise<void> {
  loading ??= import('./Markdown').then(
    (module) => {
      loaded = module.Markdown
      for (const arrived of waiting) arrived()
    },
    (error: unknown) => {
      loading = null
      console.warn('Markdown formatting did not load; answers show as plain text.', error)
    },
  )
  return loading
}

/** The Markdown component once it has loaded, and null until then. */
export function useMarkdown(): MarkdownComponent | null {
  // Through functions both times: a component can be a function, which useState would call itself.
  const [component, setComponent] = useState(() => loaded)
  useEffect(() => {
    if (component) return
    // A transition: the answers on screen swap to Markdown in slices React can interrupt, not in one
    // long task, and a click or a key meanwhile is answered first.
    const arrived = () => startTransition(() => setComponent(() => loaded))
    waiting.add(arrived)
    if (loaded) arrived()
    else void loadMarkdown()
    return () => {
      waiting.delete(arrived)
    }
  }, [component])
  return component
}

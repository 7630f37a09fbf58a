// Where a key could leak into the page: what the page received (HTTP bodies, WebSocket frames), what
// it shows (the DOM) and what it stores (localStorage, sessionStorage, IndexedDB).
import type { Page } from '@playwright/test'

/** Starts recording everything the page receives from the app; read the array at the end. */
export function recordTraffic(page: Page): string[] {
  const received: string[] = []
  page.on('websocket', (socket) =>
    socket.on('framereceived', (frame) => received.push(String(frame.payload))),
  )
  page.on('response', async (response) => {
    if (response.url().includes('/api/')) received.push(await response.text().catch(() => ''))
  })
  return received
}

/** The DOM (including input values) and every browser store, as one string to search. */
export async function pageState(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const values = [...document.querySelectorAll('input, textarea')].map(
      (el) => (el as HTMLInputElement).value,
    )
    const databases = 'databases' in indexedDB ? await indexedDB.databases() : []
    return [
      document.documentElement.outerHTML,
      values.join('\n'),
      JSON.stringify({ ...localStorage }),
      JSON.stringify({ ...sessionStorage }),
      JSON.stringify(databases),
    ].join('\n')
  })
}

// Screenshots of the chat surface's states (empty, a code answer, streaming with Jump to latest, an
// error, the grouped sidebar with a pin, the chat's menu, Undo, Search, Appearance, 480 px with the
// sidebar over the chat), light and dark, for a person to look at. Runs only when
// ROUNDTABLE_SCREENSHOTS names a folder, e.g.
//   ROUNDTABLE_SCREENSHOTS=/tmp/shots npx playwright test e2e/chat-shots.spec.ts
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './support/app'

const folder = process.env.ROUNDTABLE_SCREENSHOTS ?? ''
test.skip(folder === '', 'takes screenshots only when ROUNDTABLE_SCREENSHOTS names a folder')
const shot = (name: string) => ({ path: join(folder, `${name}.png`) })

async function ask(page: Page, text: string) {
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill(text)
  await composer.press('Enter')
}

const CODE_ANSWER = [
  'Here is a **binary search** in `TypeScript`:',
  '',
  '```ts',
  'export function search(items: number[], wanted: number): number {',
  '  let low = 0',
  '  let high = items.length - 1',
  '  while (low <= high) {',
  '    const middle = (low + high) >> 1',
  '    if (items[middle] === wanted) return middle',
  '    if (items[middle] < wanted) low = middle + 1',
  '    else high = middle - 1',
  '  }',
  '  return -1',
  '}',
  '```',
  '',
  'It runs in $O(\\log n)$ time.',
].join('\n')

for (const scheme of ['light', 'dark'] as const) {
  test(`chat shots ${scheme}`, async ({ page, app }) => {
    await page.emulateMedia({ colorScheme: scheme })
    await page.setViewportSize({ width: 1200, height: 800 })
    await page.goto(app.url)
    await page.getByRole('button', { name: 'Dismiss' }).first().click()
    await page.screenshot(shot(`${scheme}-chat-0-empty`))

    // The fake answers with what it is sent.
    await ask(page, CODE_ANSWER)
    await expect(page.getByText('It runs in')).toBeVisible()
    // KaTeX's fonts arrive after its text; until then the formula is drawn invisible.
    await page.evaluate(() => document.fonts.ready)
    await page.screenshot(shot(`${scheme}-chat-1-code`))

    await page.locator('.sidebar-actions').getByRole('button', { name: 'New chat' }).click()
    await ask(page, 'An essay #words=2500 #delay=6')
    await expect(page.getByText('word300', { exact: false })).toBeVisible()
    await page.locator('.message-list').hover()
    await page.mouse.wheel(0, -1500)
    await expect(page.getByRole('button', { name: 'Jump to latest' })).toBeVisible()
    await page.screenshot(shot(`${scheme}-chat-2-streaming-jump`))
    await page.keyboard.press('Escape')

    await page.locator('.sidebar-actions').getByRole('button', { name: 'New chat' }).click()
    await ask(page, 'This fails #fault=401')
    await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible()
    await page.screenshot(shot(`${scheme}-chat-3-error`))

    const list = page.getByRole('navigation', { name: 'Chats' })
    await list.getByRole('button', { name: /^Pin / }).last().click()
    // The pinned chat is the first in the list.
    await list.locator('button.chat-open').first().click()
    await page.getByRole('button', { name: 'Chat menu' }).click()
    await page.screenshot(shot(`${scheme}-chat-4-sidebar-menu`))
    await page.keyboard.press('Escape')

    const answer = page.locator('.message-assistant').filter({ hasText: 'It runs in' })
    await answer.getByRole('button', { name: 'Delete' }).click()
    await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible()
    await page.screenshot(shot(`${scheme}-chat-5-undo`))
    await page.getByRole('button', { name: 'Undo' }).click()

    await page.keyboard.press('ControlOrMeta+k')
    await page.getByRole('combobox', { name: 'Search chats' }).fill('binary')
    await expect(page.getByRole('dialog', { name: 'Search' }).getByRole('option').first()).toBeVisible()
    await page.screenshot(shot(`${scheme}-chat-6-search`))
    await page.keyboard.press('Escape')

    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    await page.getByRole('region', { name: 'Appearance' }).scrollIntoViewIfNeeded()
    await page.screenshot(shot(`${scheme}-chat-7-appearance`))
    await page.getByRole('button', { name: 'Close' }).click()

    await page.setViewportSize({ width: 480, height: 800 })
    await page.screenshot(shot(`${scheme}-chat-8-narrow`))
    await page.getByRole('button', { name: 'Show sidebar' }).click()
    await page.screenshot(shot(`${scheme}-chat-9-narrow-sidebar`))
  })
}

for (const scheme of ['light', 'dark'] as const) {
  test(`monitoring shots ${scheme}`, async ({ page, app }) => {
    await page.emulateMedia({ colorScheme: scheme })
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.goto(app.url)
    await page.getByRole('button', { name: 'Dismiss' }).first().click()
    await page.getByRole('button', { name: 'Monitoring' }).click()
    await page.screenshot(shot(`${scheme}-monitoring-0-empty`))
    await page.getByRole('button', { name: 'Monitoring' }).click()
    for (const text of ['One #words=80', 'Two #words=200', 'Three #fault=401', 'Four #words=40']) {
      await ask(page, text)
      await expect(page.locator('.answer-facts').last()).toBeVisible()
    }
    await page.screenshot(shot(`${scheme}-monitoring-1-answer-line`))
    await page.locator('.answer-facts').last().click()
    await page.screenshot(shot(`${scheme}-monitoring-2-details`))
    await page.getByRole('button', { name: 'Close' }).click()
    await page.getByRole('button', { name: 'Monitoring' }).click()
    await page.waitForTimeout(600)
    await page.getByRole('button', { name: 'Refresh' }).click()
    await expect(page.locator('.monitoring-totals')).toBeVisible()
    await page.screenshot({ ...shot(`${scheme}-monitoring-3-page`), fullPage: true })
  })
}

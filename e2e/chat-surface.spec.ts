// The chat surface of issue 9 as a person uses it: delete with Undo, pin and date groups, the
// sidebar by keyboard and in narrow windows, Search by title, the composer, Jump to latest, the live
// region, theme and text size, and exporting a chat.
import type { Page } from '@playwright/test'
import { expect, test } from './support/app'

async function ask(page: Page, text: string, answer = `Echo: ${text}`) {
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill(text)
  await composer.press('Enter')
  await expect(page.getByText(answer, { exact: true })).toBeVisible()
}

const chatList = (page: Page) => page.getByRole('navigation', { name: 'Chats' })
// The control, not an empty chat (which is called New chat until it has words).
const newChatButton = (page: Page) =>
  page.locator('.sidebar-actions').getByRole('button', { name: 'New chat' })

test('Delete takes a message and what follows it, and Undo brings them back', async ({ page, app }) => {
  await page.goto(app.url)
  await ask(page, 'first question')
  await ask(page, 'second question')
  const second = page.getByRole('article', { name: 'You' }).filter({ hasText: 'second question' })
  await second.hover()
  await second.getByRole('button', { name: 'Delete' }).click()
  await expect(page.getByText('second question')).toHaveCount(0)
  await expect(page.getByText('Echo: second question')).toHaveCount(0)
  await expect(page.getByText('Echo: first question')).toBeVisible()
  const toast = page.getByRole('status').filter({ hasText: 'Message deleted.' })
  await toast.getByRole('button', { name: 'Undo' }).click()
  await expect(page.getByText('Echo: second question')).toBeVisible()
  await expect(toast).toHaveCount(0)
  // An answer alone can go too; the question stays.
  const answer = page.getByRole('article').filter({ hasText: 'Echo: second question' })
  await answer.getByRole('button', { name: 'Delete' }).click()
  await expect(page.getByText('Echo: second question')).toHaveCount(0)
  await expect(page.getByText('second question', { exact: true })).toBeVisible()
  await page.reload()
  await expect(page.getByText('Echo: first question')).toBeVisible()
  await expect(page.getByText('Echo: second question')).toHaveCount(0)
})

test('Pin puts a chat under Pinned; the rest are grouped by date', async ({ page, app }) => {
  await page.goto(app.url)
  await ask(page, 'older chat')
  await newChatButton(page).click()
  await ask(page, 'newer chat')
  const list = chatList(page)
  await list.getByRole('button', { name: 'Pin older chat' }).click()
  // Headings and chats in the order they show: each chat under its group's heading.
  const order = () => list.locator('.chat-group, button.chat-open').allTextContents()
  await expect.poll(order).toEqual(['Pinned', 'older chat', 'Today', 'newer chat'])
  await page.reload()
  await expect.poll(order).toEqual(['Pinned', 'older chat', 'Today', 'newer chat'])
  await list.getByRole('button', { name: 'Unpin older chat' }).click()
  await expect.poll(order).toEqual(['Today', 'newer chat', 'older chat'])
})

test('the chat list is one Tab stop with arrow keys inside; F2 renames', async ({ page, app }) => {
  await page.goto(app.url)
  await ask(page, 'chat one')
  await newChatButton(page).click()
  await ask(page, 'chat two')
  const list = chatList(page)
  const two = list.getByRole('button', { name: 'chat two', exact: true })
  const one = list.getByRole('button', { name: 'chat one', exact: true })
  // From the last of the sidebar's actions, Tab enters the list.
  await page.getByRole('button', { name: 'Temporary chat' }).focus()
  await page.keyboard.press('Tab')
  await expect(two).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(one).toBeFocused()
  await page.keyboard.press('Home')
  await expect(two).toBeFocused()
  // Tab leaves the list: no per-chat button is a stop of its own.
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Leaderboard' })).toBeFocused()
  await page.keyboard.press('Shift+Tab')
  await expect(two).toBeFocused()
  await page.keyboard.press('F2')
  await expect(page.getByRole('textbox', { name: 'Chat name' })).toBeFocused()
})

test('Ctrl/Cmd+K finds a chat by its title', async ({ page, app }) => {
  await page.goto(app.url)
  await ask(page, 'Recipes for soup')
  await newChatButton(page).click()
  await ask(page, 'Travel plans')
  await page.keyboard.press('ControlOrMeta+k')
  const dialog = page.getByRole('dialog', { name: 'Search' })
  await dialog.getByRole('combobox', { name: 'Search chats' }).fill('soup in:title')
  await expect(dialog.getByRole('option')).toHaveCount(1)
  await expect(dialog.getByRole('option')).toContainText('Recipes for soup')
  await page.keyboard.press('Enter')
  await expect(dialog).toHaveCount(0)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Recipes for soup')
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused()
  await page.keyboard.press('ControlOrMeta+k')
  await dialog.getByRole('combobox').fill('nothing like it')
  await expect(dialog.getByText('Nothing found.')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
})

test('Ctrl/Cmd+B hides and shows the sidebar, and it stays as left', async ({ page, app }) => {
  await page.goto(app.url)
  await expect(chatList(page)).toBeVisible()
  await page.keyboard.press('ControlOrMeta+b')
  await expect(chatList(page)).toHaveCount(0)
  await page.reload()
  await expect(page.getByRole('button', { name: 'Show sidebar' })).toBeVisible()
  await page.getByRole('button', { name: 'Show sidebar' }).click()
  await expect(chatList(page)).toBeVisible()
  await chatList(page).getByRole('button', { name: 'Hide sidebar' }).click()
  await expect(chatList(page)).toHaveCount(0)
})

test('at 700 px nothing overlaps; at 480 px the sidebar overlays and the chat works', async ({
  page,
  app,
}) => {
  await page.setViewportSize({ width: 700, height: 700 })
  await page.goto(app.url)
  await ask(page, 'narrow chat')
  const picker = await page.locator('.model-picker').boundingBox()
  const settings = await page.getByRole('button', { name: 'Chat settings' }).boundingBox()
  if (!picker || !settings) throw new Error('the toolbar is not shown')
  const overlap =
    picker.x < settings.x + settings.width &&
    settings.x < picker.x + picker.width &&
    picker.y < settings.y + settings.height &&
    settings.y < picker.y + picker.height
  expect(overlap).toBe(false)

  await page.setViewportSize({ width: 480, height: 760 })
  await expect(chatList(page)).toHaveCount(0)
  const composer = page.getByRole('textbox', { name: 'Message' })
  const box = await composer.boundingBox()
  expect(box?.width).toBeGreaterThan(300)
  // Nothing is cut off sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(480)
  await page.getByRole('button', { name: 'Show sidebar' }).click()
  await expect(chatList(page)).toBeVisible()
  await newChatButton(page).click()
  // Choosing in the overlay closes it, and the chat is there to type in.
  await expect(chatList(page)).toHaveCount(0)
  await ask(page, 'typed at 480')
})

test('the composer grows to 40 % of the window, keeps a draft per chat, and Up edits the last message', async ({
  page,
  app,
}) => {
  await page.setViewportSize({ width: 1100, height: 800 })
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  const oneLine = (await composer.boundingBox())?.height ?? 0
  await composer.fill('line\n'.repeat(5))
  const fiveLines = (await composer.boundingBox())?.height ?? 0
  expect(fiveLines).toBeGreaterThan(oneLine * 2)
  await composer.fill('line\n'.repeat(200))
  const many = (await composer.boundingBox())?.height ?? 0
  expect(many).toBeLessThanOrEqual(800 * 0.4 + 1)
  expect(many).toBeGreaterThan(800 * 0.4 - 20)

  await ask(page, 'first chat')
  await composer.fill('draft for the first chat')
  await newChatButton(page).click()
  await expect(composer).toHaveValue('')
  await composer.fill('draft for the second chat')
  await chatList(page).getByRole('button', { name: 'first chat', exact: true }).click()
  await expect(composer).toHaveValue('draft for the first chat')
  await page.reload()
  await expect(composer).toHaveValue('draft for the first chat')

  await composer.fill('')
  await composer.press('ArrowUp')
  const edit = page.getByRole('textbox', { name: 'Edit message' })
  await expect(edit).toBeFocused()
  await expect(edit).toHaveValue('first chat')
  await edit.press('Escape')
  await expect(composer).toBeFocused()
})

test('a 200 KB paste is sent whole', async ({ page, app, fake }) => {
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  const big = `${'All work and no play. '.repeat(9_310)}END`
  expect(big.length).toBeGreaterThan(200_000)
  await composer.focus()
  // As a paste: the text arrives in one input event.
  await page.evaluate((text) => {
    const box = document.activeElement as HTMLTextAreaElement
    const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set
    setter?.call(box, text)
    box.dispatchEvent(new Event('input', { bubbles: true }))
  }, big)
  await composer.press('Enter')
  await expect(page.getByRole('article', { name: 'You' })).toContainText('END')
  await expect(page.getByRole('article').filter({ hasText: 'Echo: All work' }).last()).toContainText('END', {
    timeout: 30_000,
  })
  // Compared as a flag: a failure should not print 200 KB.
  const whole = fake.requests.some((request) => JSON.stringify(request.body).includes(JSON.stringify(big)))
  expect(whole).toBe(true)
})

test('Jump to latest appears when the person scrolls up during an answer; the end is announced', async ({
  page,
  app,
}) => {
  await page.setViewportSize({ width: 1000, height: 600 })
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('Long #words=3000 #delay=4')
  await composer.press('Enter')
  await expect(page.getByText('word200', { exact: false })).toBeVisible()
  const list = page.locator('.message-list')
  await list.hover()
  await page.mouse.wheel(0, -2_000)
  const jump = page.getByRole('button', { name: 'Jump to latest' })
  await expect(jump).toBeVisible()
  await jump.click()
  await expect(jump).toHaveCount(0)
  await expect
    .poll(() => list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight))
    .toBeLessThan(100)
  await expect(page.locator('[aria-live="polite"]')).toHaveText(/finished answering\./, { timeout: 30_000 })
})

test('Theme and Text size apply at once and stay after a reload', async ({ page, app }) => {
  await page.emulateMedia({ colorScheme: 'light' })
  await page.goto(app.url)
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  const light = await background()
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const appearance = page.getByRole('region', { name: 'Appearance' })
  await appearance.getByRole('radio', { name: 'Dark' }).check()
  expect(await background()).not.toBe(light)
  await appearance.getByRole('combobox', { name: 'Text size' }).selectOption('large')
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('17px')
  await page.reload()
  expect(await background()).not.toBe(light)
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('17px')
  // System follows the operating system again.
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  await page.getByRole('region', { name: 'Appearance' }).getByRole('radio', { name: 'System' }).check()
  expect(await background()).toBe(light)
})

test('Export chat as Markdown and as JSON from the chat’s menu', async ({ page, app }) => {
  await page.goto(app.url)
  await ask(page, 'Export me')
  await page.getByRole('button', { name: 'Chat menu' }).click()
  const menu = page.getByRole('menu', { name: 'Chat menu' })
  await expect(menu.getByRole('menuitem').first()).toBeFocused()
  const markdownDownload = page.waitForEvent('download')
  await menu.getByRole('menuitem', { name: 'Export chat as Markdown' }).click()
  const markdown = await markdownDownload
  expect(markdown.suggestedFilename()).toBe('Export me.md')
  const text = await (await markdown.createReadStream()).toArray()
  expect(Buffer.concat(text).toString()).toContain('## You\n\nExport me')

  await page.getByRole('button', { name: 'Chat menu' }).click()
  const jsonDownload = page.waitForEvent('download')
  await menu.getByRole('menuitem', { name: 'Export chat as JSON' }).click()
  const json = JSON.parse(
    Buffer.concat(await (await (await jsonDownload).createReadStream()).toArray()).toString(),
  )
  expect(json.chats[0].messages.map((m: { content: string }) => m.content)).toEqual([
    'Export me',
    'Echo: Export me',
  ])

  await page.getByRole('button', { name: 'Chat menu' }).click()
  await page.keyboard.press('Escape')
  await expect(menu).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Chat menu' })).toBeFocused()
})

test('a list of many chats stays a few dozen rows, and the arrow keys still reach every chat', async ({
  page,
  app,
}) => {
  for (let i = 0; i < 120; i++)
    await app.call('renameChat', {
      chatId: (await app.call<{ id: string }>('createChat')).id,
      title: `Chat ${String(i).padStart(3, '0')}`,
    })
  await page.goto(app.url)
  const list = chatList(page)
  await expect(list.locator('button.chat-open').first()).toBeVisible()
  expect(await list.locator('button.chat-open').count()).toBeLessThan(60)
  await list.locator('button.chat-open').first().focus()
  await page.keyboard.press('End')
  await expect(list.getByRole('button', { name: 'Chat 000', exact: true })).toBeFocused()
  await page.keyboard.press('Home')
  await expect(list.getByRole('button', { name: 'Chat 119', exact: true })).toBeFocused()
})

// Long chats and long chat lists as a person meets them. A 400-message chat opens at its latest answer
// with only the messages near the view in the page, and its first question is read by id as it comes
// into view (a thread carries only its latest messages). 250 chats: the sidebar reads its list a page
// at a time as its end comes near, and End still reaches the very last chat.
import type { Page } from '@playwright/test'
import { largeChatgptExport } from '../test/fixtures/chatgpt-export'
import { expect, test } from './support/app'

/** Imports a made-up ChatGPT export from Settings, as a person does, and closes Settings. */
async function importChatGpt(page: Page, url: string, chats: number, turns: number, report: RegExp) {
  await page.goto(url)
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings
    .getByRole('region', { name: 'Import and export' })
    .getByLabel('Import chats')
    .setInputFiles({
      name: 'conversations.json',
      mimeType: 'application/json',
      buffer: Buffer.from([...largeChatgptExport(chats, turns)].join('')),
    })
  await expect(settings.getByText(report)).toBeVisible()
  await settings.getByRole('button', { name: 'Close' }).click()
}

test('a 400-message chat opens at its end, renders only what is near, and reads its start on the way up', async ({
  page,
  app,
}) => {
  await importChatGpt(page, app.url, 1, 200, /Imported 1 chat \(400 messages\)/)

  await page.getByRole('navigation', { name: 'Chats' }).getByText('Conversation 0').click()
  const log = page.getByRole('main')
  await expect(log.getByText('Answer 199.', { exact: false })).toBeVisible()
  expect(await page.locator('[data-message-id]').count()).toBeLessThan(40)

  const list = page.locator('.message-list')
  await list.focus()
  await list.press('Home')
  await expect(log.getByText('Question 0 of conversation 0', { exact: false })).toBeVisible()
  await expect(log.getByText('Answer 199.', { exact: false })).toBeHidden()
  expect(await page.locator('[data-message-id]').count()).toBeLessThan(40)
})

test('250 chats: the list reads its next pages as its end comes near, down to the oldest', async ({
  page,
  app,
}) => {
  await importChatGpt(page, app.url, 250, 1, /Imported 250 chats/)

  const list = page.getByRole('navigation', { name: 'Chats' }).getByRole('list', { name: 'Chats' })
  await expect(list.getByRole('button', { name: 'Conversation 249', exact: true })).toBeVisible()
  expect(await list.locator('button.chat-open').count()).toBeLessThan(60)
  // Scrolled to the bottom of what was read, the next page arrives and the list goes on, to its oldest.
  const scroller = page.locator('.chat-list')
  const atBottom = () => scroller.evaluate((element) => element.scrollTo(0, element.scrollHeight))
  await expect
    .poll(async () => {
      await atBottom()
      return list.getByRole('button', { name: 'Conversation 0', exact: true }).count()
    })
    .toBe(1)
  expect(await list.locator('button.chat-open').count()).toBeLessThan(60)
})

test('End in a long chat list goes to the very last chat, past the pages not read yet', async ({
  page,
  app,
}) => {
  await importChatGpt(page, app.url, 250, 1, /Imported 250 chats/)
  const list = page.getByRole('navigation', { name: 'Chats' }).getByRole('list', { name: 'Chats' })
  await list.getByRole('button', { name: 'Conversation 249', exact: true }).focus()
  await page.keyboard.press('End')
  await expect(list.getByRole('button', { name: 'Conversation 0', exact: true })).toBeFocused()
  await page.keyboard.press('Home')
  await expect(list.getByRole('button', { name: 'Conversation 249', exact: true })).toBeFocused()
})

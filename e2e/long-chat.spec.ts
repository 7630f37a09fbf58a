// A long chat as a person meets it: imported with 400 messages, it opens at its latest answer with only
// the messages near the view in the page, and its first question is there when they go to the start
// (read by id as it comes into view, since the chat's thread carries only its latest messages).
import { largeChatgptExport } from '../test/fixtures/chatgpt-export'
import { expect, test } from './support/app'

test('a 400-message chat opens at its end, renders only what is near, and reads its start on the way up', async ({
  page,
  app,
}) => {
  await page.goto(app.url)
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings
    .getByRole('region', { name: 'Import and export' })
    .getByLabel('Import chats')
    .setInputFiles({
      name: 'conversations.json',
      mimeType: 'application/json',
      buffer: Buffer.from([...largeChatgptExport(1, 200)].join('')),
    })
  await expect(settings.getByText(/Imported 1 chat \(400 messages\)/)).toBeVisible()
  await settings.getByRole('button', { name: 'Close' }).click()

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

// Search as a person uses it: Ctrl/Cmd+K finds a word said in another chat (Chinese too) and opens it
// there, scrolled to the message and highlighted; the sidebar's Search; filters; Ctrl/Cmd+F in a chat
// with "x of n", Enter to the next.
import type { Page } from '@playwright/test'
import { expect, test } from './support/app'

async function ask(page: Page, text: string, answer = `Echo: ${text}`) {
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill(text)
  await composer.press('Enter')
  await expect(page.getByText(answer, { exact: true })).toBeVisible()
}

const newChatButton = (page: Page) =>
  page.locator('.sidebar-actions').getByRole('button', { name: 'New chat' })
const searchDialog = (page: Page) => page.getByRole('dialog', { name: 'Search' })
const searchBox = (page: Page) => searchDialog(page).getByRole('combobox', { name: 'Search chats' })

test('Ctrl/Cmd+K finds a word from another chat and opens it at that message, highlighted', async ({
  page,
  app,
}) => {
  await page.goto(app.url)
  await ask(page, 'The aardvark digs at night')
  for (let i = 0; i < 8; i++) await ask(page, `Filler question number ${i} with some words`)
  await newChatButton(page).click()
  await ask(page, 'Something else entirely')

  await page.keyboard.press('ControlOrMeta+k')
  await searchBox(page).fill('aardvark role:user')
  const option = searchDialog(page).getByRole('option')
  await expect(option).toHaveCount(1)
  await expect(option).toContainText('The aardvark digs at night')
  await expect(option.locator('mark')).toHaveText('aardvark')
  await page.keyboard.press('Enter')
  await expect(searchDialog(page)).toHaveCount(0)

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The aardvark digs at night')
  const found = page.locator('article.message-found')
  await expect(found).toHaveCount(1)
  await expect(found).toContainText('The aardvark digs at night')
  await expect(found).toBeInViewport()
})

test('the sidebar’s Search finds Chinese text, with arrows to choose', async ({ page, app }) => {
  await page.goto(app.url)
  await ask(page, '请介绍分布式数据库的设计')
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  await searchBox(page).fill('数据库')
  const options = searchDialog(page).getByRole('option')
  // The title, the question and its answer.
  await expect(options).toHaveCount(3)
  await expect(options.first()).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('ArrowDown')
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true')
  await expect(options.nth(1).locator('mark')).toHaveText('数据库')
  await searchBox(page).fill('" NEAR * -')
  await expect(searchDialog(page).getByText('Nothing found.')).toBeVisible()
  await searchBox(page).fill('数据库 before:someday')
  await expect(searchDialog(page).getByText(/before: takes a date/)).toBeVisible()
})

test('Ctrl/Cmd+F finds in the whole chat: "x of n", Enter to the next', async ({ page, app }) => {
  await page.goto(app.url)
  await ask(page, 'first mention of the walrus')
  await ask(page, 'nothing here')
  await ask(page, 'second walrus')
  await page.getByRole('textbox', { name: 'Message' }).focus()
  await page.keyboard.press('ControlOrMeta+f')
  const find = page.getByRole('searchbox', { name: 'Find in chat' })
  await expect(find).toBeFocused()
  await find.fill('walrus')
  // Each question and its echo.
  const count = page.getByRole('search', { name: 'Find in chat' }).locator('output')
  await expect(count).toHaveText('0 of 4')
  await find.press('Enter')
  await expect(count).toHaveText('1 of 4')
  await expect(page.locator('article.message-found')).toContainText('first mention of the walrus')
  await find.press('Enter')
  await expect(count).toHaveText('2 of 4')
  await expect(page.locator('article.message-found')).toContainText('Echo: first mention of the walrus')
  await find.press('Shift+Enter')
  await expect(count).toHaveText('1 of 4')
  await find.press('Escape')
  await expect(find).toHaveCount(0)
})

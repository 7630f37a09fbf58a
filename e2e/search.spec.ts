// Search as a person uses it: Ctrl/Cmd+K finds a word said in another chat (Chinese too) and opens it
// there, scrolled to the message and highlighted; the sidebar's Search; filters; Ctrl/Cmd+F in a chat
// with "x of n", Enter to the next, the words marked (the current one apart) and brought into view.
import type { Page } from '@playwright/test'
import { expect, test } from './support/app'
import { addLocal, chooseModels } from './support/compare'

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

/** What find in chat has marked: the text of each range (sorted), and which message holds the current one. */
function marks(page: Page) {
  return page.evaluate(() => {
    const texts = (name: string) => [...(CSS.highlights.get(name) ?? [])].map((range) => String(range)).sort()
    const current = [...(CSS.highlights.get('find-current') ?? [])][0] as Range | undefined
    const holder = current?.startContainer.parentElement?.closest('[data-message-id]')
    return {
      names: [...CSS.highlights.keys()],
      others: texts('find-match'),
      current: texts('find-current'),
      currentMessage: holder?.getAttribute('data-message-id') ?? null,
      foundMessage: document.querySelector('article.message-found')?.getAttribute('data-message-id') ?? null,
    }
  })
}

/** Whether the current mark is drawn inside the conversation's visible part. */
function currentInView(page: Page) {
  return page.evaluate(() => {
    const current = [...(CSS.highlights.get('find-current') ?? [])][0] as Range | undefined
    const list = document.querySelector('.message-list')
    if (!current || !list) return false
    const mark = current.getBoundingClientRect()
    const view = list.getBoundingClientRect()
    return mark.height > 0 && mark.top >= view.top && mark.bottom <= view.bottom
  })
}

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

test('Ctrl/Cmd+F marks the words in the messages it counts, the current one apart, and moves it with Enter', async ({
  page,
  app,
}) => {
  await page.goto(app.url)
  await ask(page, 'first mention of the walrus, a WALRUS')
  await ask(page, 'nothing here')
  await ask(page, 'second walrus')
  await page.keyboard.press('ControlOrMeta+f')
  const find = page.getByRole('searchbox', { name: 'Find in chat' })
  const count = page.getByRole('search', { name: 'Find in chat' }).locator('output')
  await find.fill('walrus')
  await expect(count).toHaveText('0 of 4')
  // Any case, as find counts: two in the first question and its echo, one in the second and its echo.
  await expect
    .poll(async () => (await marks(page)).others)
    .toEqual(['WALRUS', 'WALRUS', 'walrus', 'walrus', 'walrus', 'walrus'])
  expect((await marks(page)).current).toEqual([])

  await find.press('Enter')
  await expect(count).toHaveText('1 of 4')
  await expect
    .poll(() => marks(page))
    .toMatchObject({ current: ['walrus'], others: ['WALRUS', 'WALRUS', 'walrus', 'walrus', 'walrus'] })
  let now = await marks(page)
  expect(now.currentMessage).not.toBeNull()
  expect(now.currentMessage).toBe(now.foundMessage)
  const first = now.currentMessage

  await find.press('Enter')
  await expect(count).toHaveText('2 of 4')
  await expect.poll(async () => (await marks(page)).currentMessage).not.toBe(first)
  now = await marks(page)
  expect(now.currentMessage).toBe(now.foundMessage)
  await expect(page.locator('article.message-found')).toContainText('Echo: first mention of the walrus')
  expect(now.others).toHaveLength(5)

  await find.press('Shift+Enter')
  await expect(count).toHaveText('1 of 4')
  await expect.poll(async () => (await marks(page)).currentMessage).toBe(first)

  // Every word must be in a message for it to count, and only counted messages are marked.
  await find.fill('walrus second')
  await expect(count).toHaveText('0 of 2')
  await expect.poll(async () => (await marks(page)).others).toEqual(['second', 'second', 'walrus', 'walrus'])

  await find.fill('')
  await expect.poll(async () => (await marks(page)).names).toEqual([])
  await find.fill('walrus')
  await expect.poll(async () => (await marks(page)).others).toHaveLength(6)
  await find.press('Escape')
  await expect(find).toHaveCount(0)
  expect((await marks(page)).names).toEqual([])
})

test('Ctrl/Cmd+F brings the current word into view in a message taller than the conversation', async ({
  page,
  app,
}) => {
  await page.goto(app.url)
  const lines = Array.from({ length: 60 }, (_, i) => `Line ${i + 1} of a long message.`)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill([...lines, 'And at the very end, the walrus.'].join('\n'))
  await composer.press('Enter')
  await expect(page.getByText(/^Echo: Line 1 of a long message/)).toBeVisible()
  // The next question goes once this answer has ended.
  await expect(page.locator('article.status-streaming')).toHaveCount(0)
  await ask(page, 'a short one after it')
  await page.keyboard.press('ControlOrMeta+f')
  const find = page.getByRole('searchbox', { name: 'Find in chat' })
  const count = page.getByRole('search', { name: 'Find in chat' }).locator('output')
  await find.fill('walrus')
  await expect(count).toHaveText('0 of 2')
  await find.press('Enter')
  await expect(count).toHaveText('1 of 2')
  await expect.poll(async () => (await marks(page)).current).toEqual(['walrus'])
  // The list centres the message; its middle is in view, the word at its end is brought there.
  await expect.poll(() => currentInView(page)).toBe(true)
  await find.press('Enter')
  await expect(count).toHaveText('2 of 2')
  await expect.poll(async () => (await marks(page)).currentMessage).toBe((await marks(page)).foundMessage)
  await expect.poll(() => currentInView(page)).toBe(true)
})

test('Ctrl/Cmd+F marks a word split over nodes (a bold half, code tokens) but not across lines of code', async ({
  page,
  app,
}) => {
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('Code:\n\n```js\nconst walrus = 1\nlet wal\nrus = 2\n```\n\nA wal**rus** and a walrus.')
  await composer.press('Enter')
  await expect(page.locator('article.message-assistant .markdown pre')).toBeVisible()
  await page.keyboard.press('ControlOrMeta+f')
  await page.getByRole('searchbox', { name: 'Find in chat' }).fill('walrus')
  await expect(page.getByRole('search', { name: 'Find in chat' }).locator('output')).toHaveText('0 of 2')
  // The question is plain text: "walrus" twice as written. The answer's Markdown: in the code, in the
  // bold-split word, and at the end; "wal" and "rus" on two lines of code are not one word.
  await expect
    .poll(() =>
      page.evaluate(() =>
        [...(CSS.highlights.get('find-match') ?? [])].map((range) => {
          const holder = (range as Range).startContainer.parentElement
          return `${holder?.closest('.markdown') ? 'answer' : 'question'} ${String(range)}`
        }),
      ),
    )
    .toEqual(['question walrus', 'question walrus', 'answer walrus', 'answer walrus', 'answer walrus'])
})

test('Ctrl/Cmd+F marks the words in side-by-side columns, and Enter goes to them', async ({
  page,
  app,
  fake,
}) => {
  await addLocal(app, fake.baseURL)
  await page.goto(app.url)
  await chooseModels(page, ['fake-small', 'fake-large'])
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('Name a walrus')
  await composer.press('Enter')
  const board = page.getByRole('region', { name: 'Answers side by side' })
  await expect(board.locator('.compare-column').getByText('Echo: Name a walrus')).toHaveCount(2)
  await page.keyboard.press('ControlOrMeta+f')
  const find = page.getByRole('searchbox', { name: 'Find in chat' })
  const count = page.getByRole('search', { name: 'Find in chat' }).locator('output')
  await find.fill('walrus')
  // The question, and each column's answer.
  await expect(count).toHaveText('0 of 3')
  const where = () =>
    page.evaluate(() => {
      const place = (range: AbstractRange) =>
        (range as Range).startContainer.parentElement?.closest('.compare-column') ? 'column' : 'conversation'
      return {
        others: [...(CSS.highlights.get('find-match') ?? [])].map(place).sort(),
        current: [...(CSS.highlights.get('find-current') ?? [])].map(place),
      }
    })
  await expect.poll(where).toEqual({ others: ['column', 'column', 'conversation'], current: [] })
  await find.press('Enter')
  await expect.poll(where).toEqual({ others: ['column', 'column'], current: ['conversation'] })
  await find.press('Enter')
  await expect(count).toHaveText('2 of 3')
  await expect.poll(where).toEqual({ others: ['column', 'conversation'], current: ['column'] })
})

test('Ctrl/Cmd+F marks only the messages in the page, and those the list mounts as Enter scrolls to them', async ({
  page,
  app,
}) => {
  await page.goto(app.url)
  for (let i = 1; i <= 12; i++) await ask(page, `walrus number ${i}`)
  await page.keyboard.press('ControlOrMeta+f')
  const find = page.getByRole('searchbox', { name: 'Find in chat' })
  const count = page.getByRole('search', { name: 'Find in chat' }).locator('output')
  await find.fill('walrus')
  await expect(count).toHaveText('0 of 24')
  await expect.poll(async () => (await marks(page)).others.length).toBeGreaterThan(0)
  // The list is at its end; the first question is not in the page, so neither is its mark.
  const mounted = await page.locator('.message-list [data-message-id]').count()
  expect(mounted).toBeLessThan(24)
  expect((await marks(page)).others).toHaveLength(mounted)
  await expect(page.locator('.message-list').getByText('walrus number 1', { exact: true })).toHaveCount(0)

  await find.press('Enter')
  await expect(count).toHaveText('1 of 24')
  await expect(page.locator('article.message-found')).toContainText('walrus number 1')
  await expect.poll(async () => (await marks(page)).current).toEqual(['walrus'])
  const now = await marks(page)
  expect(now.currentMessage).toBe(now.foundMessage)
  expect(now.others).toHaveLength((await page.locator('.message-list [data-message-id]').count()) - 1)
})

// Temporary chats as a person meets them: Temporary chat starts one, its header says how long it has
// left, it answers like any chat, Keep chat keeps it, and one left alone is gone when its time is up
// (the open chat closes, the sidebar drops it, the other chats stay).
import type { Page } from '@playwright/test'
import { expect, test } from './support/app'

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Chats' })
const header = (page: Page) => page.locator('.thread-header')
const newChatButton = (page: Page) =>
  page.locator('.sidebar-actions').getByRole('button', { name: 'New chat' })
const temporaryChatButton = (page: Page) =>
  page.locator('.sidebar-actions').getByRole('button', { name: 'Temporary chat', exact: true })

async function ask(page: Page, text: string) {
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill(text)
  await composer.press('Enter')
  const answer = page.getByRole('article').filter({ hasText: `Echo: ${text}` })
  await expect(answer).toBeVisible()
  await expect(answer.getByText('Answering…')).toHaveCount(0)
}

test('Temporary chat starts a chat that says how long it has left; Keep chat keeps it; the time is a setting', async ({
  page,
  app,
}) => {
  await page.goto(app.url)
  await temporaryChatButton(page).click()
  // A day to live, rounded down.
  await expect(header(page).getByText('Temporary · 23 h left')).toBeVisible()
  await ask(page, 'Something passing')
  await expect(header(page).getByText('Temporary · 23 h left')).toBeVisible()
  // Its row says so too, shortly, and offers no Pin (it is kept, not pinned).
  const row = sidebar(page).getByRole('listitem').filter({ hasText: 'Something passing' })
  await expect(row.getByText('23 h', { exact: true })).toBeVisible()
  await expect(row.getByRole('button', { name: /^Pin / })).toHaveCount(0)

  // New chat is an ordinary chat, not the temporary one again.
  await newChatButton(page).click()
  await expect(header(page).getByText(/Temporary ·/)).toHaveCount(0)
  await row.getByRole('button', { name: 'Something passing', exact: true }).click()

  await header(page).getByRole('button', { name: 'Keep chat' }).click()
  await expect(header(page).getByText(/Temporary ·/)).toHaveCount(0)
  await expect(row.getByText('23 h', { exact: true })).toHaveCount(0)
  const [listed] = await app.call<{ expiresAt: number | null }[]>('listChats')
  expect(listed?.expiresAt).toBeNull()

  // The time to live, in Settings; a value out of bounds is refused beside the field.
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  const hours = settings.getByLabel('Temporary chats last (hours)')
  await expect(hours).toHaveValue('24')
  await hours.fill('0')
  await settings.getByRole('button', { name: 'Save temporary chat settings' }).click()
  await expect(settings.getByText('Between 1 and 720.')).toBeVisible()
  await hours.fill('2')
  await settings.getByRole('button', { name: 'Save temporary chat settings' }).click()
  await expect(settings.getByText('Temporary chat settings saved.')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(settings).toHaveCount(0)
  await temporaryChatButton(page).click()
  await expect(header(page).getByText('Temporary · 1 h left')).toBeVisible()

  // From the keyboard too (Ctrl/Cmd+Shift+N), and listed among the shortcuts.
  await newChatButton(page).click()
  await expect(header(page).getByText(/Temporary ·/)).toHaveCount(0)
  await page.keyboard.press('ControlOrMeta+Shift+N')
  await expect(header(page).getByText('Temporary · 1 h left')).toBeVisible()
  await page.keyboard.press('ControlOrMeta+/')
  await expect(
    page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByText('Temporary chat'),
  ).toBeVisible()
})

test.describe('when its time is up', () => {
  // The web host's test hook: temporary chats last 15 s instead of the setting's hours.
  test.use({ appEnv: { ROUNDTABLE_TEMPORARY_CHAT_TTL_MS: '15000' } })

  test('the open temporary chat closes and leaves the sidebar; the other chats stay', async ({
    page,
    app,
  }) => {
    await page.goto(app.url)
    await newChatButton(page).click()
    await ask(page, 'A chat to keep')

    await temporaryChatButton(page).click()
    await expect(header(page).getByText('Temporary · under a minute left')).toBeVisible()
    await ask(page, 'A chat to lose')
    await expect(sidebar(page).getByRole('button', { name: 'A chat to lose', exact: true })).toBeVisible()

    // Gone by itself, with nothing clicked: the chat closes to the empty state.
    await expect(sidebar(page).getByRole('button', { name: 'A chat to lose', exact: true })).toHaveCount(0, {
      timeout: 30_000,
    })
    await expect(page.getByText('Echo: A chat to lose')).toHaveCount(0)
    await expect(page.getByRole('heading', { name: 'Ask anything' })).toBeVisible()
    await expect(header(page).getByText(/Temporary ·/)).toHaveCount(0)
    await expect(sidebar(page).getByRole('button', { name: 'A chat to keep', exact: true })).toBeVisible()

    // And not back after a reload: it was deleted, not hidden.
    await page.reload()
    await expect(sidebar(page).getByRole('button', { name: 'A chat to keep', exact: true })).toBeVisible()
    await expect(sidebar(page).getByRole('button', { name: 'A chat to lose', exact: true })).toHaveCount(0)
    const chats = await app.call<{ title: string }[]>('listChats')
    expect(chats.map((chat) => chat.title)).toEqual(['A chat to keep'])
  })
})

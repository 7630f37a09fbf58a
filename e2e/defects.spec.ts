// The chat's defects a new user met, each as they met it.
import { expect, test } from './support/app'
import { addLocal } from './support/compare'

test('the message box keeps the focus after sending and after Stop', async ({ page, app }) => {
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('Hello')
  await composer.press('Enter')
  await expect(page.getByText('Echo: Hello')).toBeVisible()
  await expect(composer).toBeFocused()
  await composer.fill('Long #words=4000 #delay=5')
  await composer.press('Enter')
  await expect(page.getByText('word30', { exact: false })).toBeVisible()
  // By keyboard: a click's coordinates can miss a button that the growing answer keeps moving.
  await page.getByRole('button', { name: 'Stop', exact: true }).press('Enter')
  await expect(page.getByText('Stopped', { exact: true })).toBeVisible()
  await expect(composer).toBeFocused()
})

test('New chat reuses an empty chat and puts the cursor in the message box', async ({ page, app }) => {
  await page.goto(app.url)
  const chats = page.getByRole('navigation', { name: 'Chats' })
  // The control, not the empty chat it opens (which is also called New chat until it has words).
  const newChat = page.locator('.sidebar-actions').getByRole('button', { name: 'New chat' })
  await newChat.click()
  await newChat.click()
  await newChat.click()
  await expect(chats.locator('.chat-item')).toHaveCount(1)
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused()
})

test('renaming a chat to nothing is refused beside the name, and Cancel leaves no trace', async ({
  page,
  app,
}) => {
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('Named chat')
  await composer.press('Enter')
  const chats = page.getByRole('navigation', { name: 'Chats' })
  await chats.getByRole('button', { name: 'Rename Named chat' }).click()
  const name = page.getByRole('textbox', { name: 'Chat name' })
  await name.fill('   ')
  await name.press('Enter')
  await expect(chats.getByRole('alert')).toHaveText('A chat needs a name.')
  await chats.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByRole('alert')).toHaveCount(0)
  await expect(chats.getByRole('button', { name: 'Named chat', exact: true })).toBeVisible()
})

test('the model picker tells the truth when the chat’s provider is off or gone', async ({
  page,
  app,
  fake,
}) => {
  const local = await addLocal(app, fake.baseURL)
  const chat = await app.call<{ id: string }>('createChat')
  await app.call('updateChatSettings', { chatId: chat.id, providerId: local.id, model: 'fake-large' })
  await app.call('updateProvider', { providerId: local.id, enabled: false })
  await page.goto(app.url)
  const picker = page.getByLabel('Model', { exact: true })
  await expect(picker).toHaveValue('pick')
  await expect(page.getByRole('alert')).toHaveText(
    'Local (fake) is turned off in Settings. Pick another model, or turn it on.',
  )
  await app.call('deleteProvider', { providerId: local.id })
  await page.reload()
  await expect(page.getByRole('alert')).toHaveText(
    'The provider this chat used was removed. Pick another model.',
  )
})

test('a chat opens at its latest message', async ({ page, app }) => {
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('First chat #words=1500')
  await composer.press('Enter')
  await expect(page.getByText('word1500')).toBeVisible()
  await page
    .getByRole('navigation', { name: 'Chats' })
    .getByRole('button', { name: 'New chat', exact: true })
    .click()
  await composer.fill('Second chat')
  await composer.press('Enter')
  await expect(page.getByText('Echo: Second chat')).toBeVisible()
  await page
    .getByRole('navigation', { name: 'Chats' })
    .getByRole('button', { name: /^First chat/ })
    .click()
  await expect(page.getByText('word1500')).toBeInViewport()
  // After a reload too: the chat that was open opens again at its end, and so does the other when opened.
  await page.reload()
  await expect(page.getByText('word1500')).toBeInViewport()
  await page
    .getByRole('navigation', { name: 'Chats' })
    .getByRole('button', { name: 'Second chat', exact: true })
    .click()
  await expect(page.getByText('Echo: Second chat')).toBeInViewport()
})

test('when the web host stops mid-answer, the page says it is reconnecting instead of answering for ever', async ({
  page,
  app,
}) => {
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('Long #words=4000 #delay=5')
  await composer.press('Enter')
  await expect(page.getByText('word30', { exact: false })).toBeVisible()
  await app.kill()
  await expect(page.getByText('Disconnected — reconnecting…')).toBeVisible()
})

test('editing a listed model keeps it listed, and the chat names answers by its display name', async ({
  page,
  app,
  fake,
}) => {
  const local = await addLocal(app, fake.baseURL)
  await app.call('testConnection', {
    providerId: local.id,
    draft: { preset: 'custom', name: 'Local (fake)', baseURL: fake.baseURL, headers: {}, azure: null },
  })
  await page.goto(app.url)
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  await page.getByRole('button', { name: 'Edit Local (fake)' }).click()
  await page.getByRole('button', { name: 'Edit model fake-large' }).click()
  await page.getByRole('textbox', { name: 'Display name' }).fill('Big Fake')
  await page.getByRole('button', { name: 'Save model' }).click()
  const row = page.getByRole('row').filter({ hasText: 'fake-large' }).filter({ hasText: 'Big Fake' })
  await expect(row).toContainText('from the server, edited by you')
  await page.getByRole('button', { name: 'Close' }).click()

  const chat = await app.call<{ id: string }>('createChat')
  await app.call('updateChatSettings', { chatId: chat.id, providerId: local.id, model: 'fake-large' })
  // The only chat opens on reload, with its model chosen.
  await page.reload()
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('Who answers?')
  await composer.press('Enter')
  await expect(page.getByRole('article', { name: 'Big Fake' })).toContainText('Echo: Who answers?')
})

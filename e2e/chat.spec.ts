import { E2E_KEY, expect, test } from './support/app'
import { pageState, recordTraffic } from './support/leaks'

test('send, watch it stream, stop, reload and find everything', async ({ page, app }) => {
  await page.goto(app.url)
  await expect(page.getByText('No chats yet.')).toBeVisible()

  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('Hello Roundtable')
  await composer.press('Enter')
  await expect(page.getByText('Echo: Hello Roundtable')).toBeVisible()
  await expect(
    page
      .getByRole('navigation', { name: 'Chats' })
      .getByRole('button', { name: 'Hello Roundtable', exact: true }),
  ).toBeVisible()

  // Shift+Enter is a new line, not a send.
  await composer.fill('A long story')
  await composer.press('Shift+Enter')
  await composer.pressSequentially('#words=4000 #delay=5')
  await expect(composer).toHaveValue('A long story\n#words=4000 #delay=5')
  await composer.press('Enter')
  await expect(page.getByText('Answering…')).toBeVisible()
  await expect(page.getByText('word30', { exact: false })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled()
  await page.getByRole('button', { name: 'Stop' }).click()
  await expect(page.getByText('Stopped', { exact: true })).toBeVisible()
  await expect(page.getByText('Answering…')).toHaveCount(0)
  const kept = await page.locator('.message-assistant').last().textContent()
  expect(kept).not.toContain('word4000')

  await page.reload()
  await expect(page.getByText('Echo: Hello Roundtable')).toBeVisible()
  await expect(page.getByText('Stopped', { exact: true })).toBeVisible()
  await expect(page.getByText('word30', { exact: false })).toBeVisible()
})

test('rename and delete chats', async ({ page, app }) => {
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('first chat')
  await composer.press('Enter')
  await expect(page.getByText('Echo: first chat')).toBeVisible()
  await page.getByRole('button', { name: 'New chat' }).click()
  await composer.fill('second chat')
  await composer.press('Enter')
  await expect(page.getByText('Echo: second chat')).toBeVisible()

  const chats = page.getByRole('navigation', { name: 'Chats' })
  // Most recent first.
  await expect(chats.locator('.chat-open')).toHaveText(['second chat', 'first chat'])

  await chats.getByRole('button', { name: 'Rename first chat' }).click()
  await page.getByRole('textbox', { name: 'Chat name' }).fill('Renamed chat')
  await page.getByRole('textbox', { name: 'Chat name' }).press('Enter')
  await expect(chats.getByRole('button', { name: 'Renamed chat', exact: true })).toBeVisible()

  await page.reload()
  await expect(chats.getByRole('button', { name: 'Renamed chat', exact: true })).toBeVisible()

  await chats.getByRole('button', { name: 'Delete second chat' }).click()
  await chats.getByRole('button', { name: 'Delete', exact: true }).click()
  await expect(chats.getByRole('button', { name: 'second chat', exact: true })).toHaveCount(0)
  await page.reload()
  await expect(chats.locator('.chat-open')).toHaveText(['Renamed chat'])
})

test('errors appear in the conversation in plain words', async ({ page, app }) => {
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('who am I #fault=401')
  await composer.press('Enter')
  await expect(page.getByRole('alert')).toContainText('rejected the API key (401)')
  await expect(page.getByText('Failed', { exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible()
})

test('model output cannot run script, navigate elsewhere or load remote images', async ({ page, app }) => {
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill(
    'see [safe](https://example.com/a) and [evil](javascript:alert(1)) <img src=x onerror="window.pwned=1"> ![pic](http://127.0.0.1:1/pic.png)',
  )
  await composer.press('Enter')
  const answer = page.locator('.message-assistant').last()
  await expect(answer.getByText('Image not loaded')).toBeVisible()
  await expect(answer.getByRole('link', { name: 'safe' })).toHaveAttribute('href', 'https://example.com/a')
  await expect(answer.getByRole('link', { name: 'safe' })).toHaveAttribute('target', '_blank')
  await expect(answer.locator('a[href^="javascript:"]')).toHaveCount(0)
  await expect(answer.locator('img')).toHaveCount(0)
  expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined()
})

test('a killed app keeps the answer up to the last moment and shows it as interrupted', async ({
  page,
  app,
}) => {
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('keep going #words=20000 #delay=3')
  await composer.press('Enter')
  await expect(page.getByText('word200', { exact: false })).toBeVisible()
  await app.kill('SIGKILL')

  await page.goto(await app.start())
  await expect(page.getByText('Interrupted', { exact: true })).toBeVisible()
  await expect(page.getByText('cut off when Roundtable last closed')).toBeVisible()
  await expect(page.getByText('word100', { exact: false })).toBeVisible()
  await expect(page.getByText('Answering…')).toHaveCount(0)
})

test('the key never reaches the page or the data folder', async ({ page, app }) => {
  const received = recordTraffic(page)
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('hello')
  await composer.press('Enter')
  await expect(page.getByText('Echo: hello')).toBeVisible()

  const secretPart = E2E_KEY.slice(3, -4)
  expect(await pageState(page)).not.toContain(secretPart)
  expect(received.length).toBeGreaterThan(0)
  for (const body of received) expect(body).not.toContain(secretPart)
  expect(app.dataBytes().includes(Buffer.from(secretPart))).toBe(false)
  expect(app.output).not.toContain(secretPart)
})

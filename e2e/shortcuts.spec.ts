// Every shortcut the app offers, pressed as a person would; Ctrl/Cmd+/ lists them.
import { expect, test } from './support/app'

const mod = process.platform === 'darwin' ? 'Meta' : 'Control'

test('keyboard shortcuts: new chat, settings, stop, copy the last answer, and the list of them all', async ({
  page,
  app,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('Copy me')
  await composer.press('Enter')
  await expect(page.getByText('Echo: Copy me')).toBeVisible()

  await page.keyboard.press(`${mod}+Shift+C`)
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('Echo: Copy me')

  // Esc stops the answer coming in, even with the cursor in the message box.
  await composer.fill('Long #words=4000 #delay=5')
  await composer.press('Enter')
  await expect(page.getByText('word30', { exact: false })).toBeVisible()
  await composer.press('Escape')
  await expect(page.getByText('Stopped', { exact: true })).toBeVisible()

  await page.keyboard.press(`${mod}+,`)
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog', { name: 'Settings' })).toHaveCount(0)

  await page.keyboard.press(`${mod}+/`)
  const list = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(list).toContainText('New chat')
  await expect(list).toContainText('Copy the last answer')
  await list.getByRole('button', { name: 'Close' }).click()

  await page.keyboard.press(`${mod}+n`)
  await expect(page.getByRole('heading', { name: 'Ask anything' })).toBeVisible()
  await expect(composer).toBeFocused()
})

test('a finished answer offers Regenerate, and the earlier answer stays one click away', async ({
  page,
  app,
}) => {
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('Hello')
  await composer.press('Enter')
  await expect(page.getByText('Echo: Hello')).toBeVisible()
  await page.getByRole('button', { name: 'Regenerate' }).click()
  await expect(page.getByText('2 / 2')).toBeVisible()
})

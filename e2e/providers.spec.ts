import { E2E_KEY, expect, test } from './support/app'
import { pageState, recordTraffic } from './support/leaks'
import { addKeyedProvider } from './support/settings'

// No provider from the environment: everything is set up through Settings, as a new user would.
test.use({ appEnv: { OPENAI_BASE_URL: '', OPENAI_API_KEY: '', ROUNDTABLE_MODEL: '' } })

test('add a custom provider in Settings, test it, chat with it; the key is nowhere outside the keychain', async ({
  page,
  app,
  fake,
}) => {
  const received = recordTraffic(page)
  await page.goto(app.url)
  await expect(page.getByRole('region', { name: 'Welcome to Roundtable' })).toBeVisible()

  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByRole('button', { name: 'Add provider' }).click()
  await settings.getByLabel('Preset').selectOption({ label: 'Custom (OpenAI-compatible)' })
  await settings.getByLabel('Name', { exact: true }).fill('Loopback server')
  await settings.getByLabel('Base URL').fill('ftp://nope')
  await settings.getByLabel('Base URL').blur()
  await expect(settings.getByText('must start with https:// or http://')).toBeVisible()
  await settings.getByLabel('Base URL').fill(fake.baseURL)
  await settings.getByLabel('API key').fill(`  ${E2E_KEY}\n`)

  await settings.getByRole('button', { name: 'Test connection' }).click()
  await expect(settings.getByText(/Connected: 2 models/)).toBeVisible()
  await expect(settings.getByText('fake-large')).toBeVisible()
  await settings.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(settings.getByRole('button', { name: 'Edit Loopback server' })).toBeVisible()
  await expect(settings.getByText(`…${E2E_KEY.slice(-4)}`)).toBeVisible()
  await settings.getByRole('button', { name: 'Close' }).click()

  await page.getByLabel('Model').selectOption({ label: 'fake-large' })
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('hello through settings')
  await composer.press('Enter')
  await expect(page.getByText('Echo: hello through settings')).toBeVisible()
  await expect(page.locator('.message-assistant').last()).toContainText('fake-large')

  const secretPart = E2E_KEY.slice(3, -4)
  expect(await pageState(page)).not.toContain(secretPart)
  for (const body of received) expect(body).not.toContain(secretPart)
  expect(app.dataBytes().includes(Buffer.from(secretPart))).toBe(false)
  expect(app.output).not.toContain(secretPart)

  // After a restart the provider and the chat are still there; the key too where a keychain keeps it.
  // Where none can (no Secret Service), the key was only held for the run, and the app said so.
  const backend = (await app.call<{ keyStorage: { backend: string } }>('getStatus')).keyStorage.backend
  if (process.env.ROUNDTABLE_REQUIRE_KEYRING === '1') expect(backend).toBe('keychain')
  await app.kill()
  await page.goto(await app.start())
  await expect(page.getByText('Echo: hello through settings')).toBeVisible()
  await composer.fill('still there?')
  await composer.press('Enter')
  if (backend === 'memory') {
    await expect(page.getByRole('alert')).toContainText('rejected the API key (401)')
  } else {
    await expect(page.getByText('Echo: still there?')).toBeVisible()
  }
})

test('a wrong key is named, not echoed, when testing the connection', async ({ page, app, fake }) => {
  await page.goto(app.url)
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByRole('button', { name: 'Add provider' }).click()
  await settings.getByLabel('Base URL').fill(fake.baseURL)
  await settings.getByLabel('API key').fill('sk-totally-wrong-000000')
  await settings.getByRole('button', { name: 'Test connection' }).click()
  await expect(settings.getByRole('alert')).toContainText('rejected the API key (401)')
  await expect(settings.getByRole('alert')).not.toContainText('totally-wrong')
})

test('an Anthropic provider streams thinking (collapsed) and text', async ({ page, app, fake }) => {
  await page.goto(app.url)
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByRole('button', { name: 'Add provider' }).click()
  await settings.getByLabel('Preset').selectOption({ label: 'Anthropic' })
  await settings.getByLabel('Base URL').fill(fake.origin)
  await settings.getByLabel('API key').fill(E2E_KEY)
  await settings.getByRole('button', { name: 'Test connection' }).click()
  await expect(settings.getByText(/Connected: \d+ models/)).toBeVisible()
  await settings.getByRole('button', { name: 'Save', exact: true }).click()
  await settings.getByRole('button', { name: 'Close' }).click()

  await page.getByLabel('Model').selectOption({ label: 'Claude Fake Sonnet' })
  await page.getByRole('button', { name: 'Chat settings' }).click()
  await page.getByLabel('Reasoning effort').selectOption('medium')
  await page.getByRole('button', { name: 'Save chat settings' }).click()

  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('think first')
  await composer.press('Enter')
  const answer = page.locator('.message-assistant').last()
  await expect(answer.getByText('Echo: think first')).toBeVisible()
  const thinking = answer.locator('details.thinking')
  await expect(thinking).toBeVisible()
  await expect(thinking).not.toHaveAttribute('open', '')
  await thinking.locator('summary').click()
  await expect(thinking).toContainText('think first')
})

test('switching the model mid-chat keeps the conversation', async ({ page, app, fake }) => {
  await page.goto(app.url)
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  for (const name of ['First', 'Second']) {
    await settings.getByRole('button', { name: 'Add provider' }).click()
    await settings.getByLabel('Name', { exact: true }).fill(name)
    await settings.getByLabel('Base URL').fill(fake.baseURL)
    await settings.getByLabel('API key').fill(E2E_KEY)
    await settings.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(settings.getByRole('button', { name: `Edit ${name}` })).toBeVisible()
  }
  await settings.getByRole('button', { name: 'Close' }).click()

  const picker = page.getByLabel('Model')
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('first question')
  await composer.press('Enter')
  await expect(page.getByText('Echo: first question')).toBeVisible()
  const secondOption = picker.locator('optgroup[label="Second"] option').first()
  await picker.selectOption((await secondOption.getAttribute('value')) ?? '')
  await composer.fill('second question')
  await composer.press('Enter')
  await expect(page.getByText('Echo: second question')).toBeVisible()
  await expect(page.getByText('Echo: first question')).toBeVisible()
  const last = fake.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)
  expect(last?.body).toMatchObject({
    messages: [{ content: 'first question' }, {}, { content: 'second question' }],
  })
})

test('moving a saved provider to another server leaves its key behind, and Settings says why', async ({
  page,
  app,
  fake,
}) => {
  await page.goto(app.url)
  const settings = await addKeyedProvider(page, 'Home server', fake.baseURL)
  await settings.getByRole('button', { name: 'Edit Home server' }).click()

  const requestsBefore = fake.requests.length
  await settings.getByLabel('Base URL').fill('https://elsewhere.example/v1')
  await expect(settings.getByText(`The saved key is only ever sent to ${fake.origin}`)).toBeVisible()
  await settings.getByRole('button', { name: 'Test connection' }).click()
  await expect(settings.getByText(/only sends a key to the server it was saved for/)).toBeVisible()
  await settings.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(settings.getByText(`Key: saved for ${fake.origin} only — enter it again`)).toBeVisible()
  // Nothing went anywhere while testing the draft: the request was refused before it was made.
  expect(fake.requests.length).toBe(requestsBefore)

  // Back on its own server, the saved key works again.
  await settings.getByRole('button', { name: 'Edit Home server' }).click()
  await settings.getByLabel('Base URL').fill(fake.baseURL)
  await expect(settings.getByText('The saved key is only ever sent to')).toHaveCount(0)
  await settings.getByRole('button', { name: 'Test connection' }).click()
  await expect(settings.getByText(/Connected: 2 models/)).toBeVisible()
})

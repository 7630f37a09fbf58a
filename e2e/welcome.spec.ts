// The first run: no provider anywhere, so the welcome stands in for the empty chat. It opens Settings
// at the Add provider form, and adds an Ollama found on this computer (the fake provider, keyless,
// where the app is told to look) in one click, after which the chat works at once.
import { join } from 'node:path'
import { type FakeProvider, startFakeProvider } from '../test/fake-provider/server.ts'
import { closedPort } from '../test/support/ports.ts'
import { test as base, expect } from './support/app'

const NO_PROVIDERS = { OPENAI_BASE_URL: '', OPENAI_API_KEY: '', ROUNDTABLE_MODEL: '' }
const LOCAL_MODELS = ['llama3.2:3b', 'qwen2.5:7b', 'gemma3:4b']
// The screenshots at the end are for a person to look at, taken only when this names a folder.
const folder = process.env.ROUNDTABLE_SCREENSHOTS ?? ''

/** The app with no provider, told that Ollama listens where a keyless fake does. */
const withOllama = base.extend<{ local: FakeProvider }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring pattern
  local: async ({}, use) => {
    const local = await startFakeProvider({ models: LOCAL_MODELS })
    await use(local)
    await local.close()
  },
  appEnv: async ({ local }, use) => {
    await use({
      ...NO_PROVIDERS,
      ROUNDTABLE_LOCAL_PROBES: JSON.stringify({ ollama: local.baseURL, lmstudio: null }),
    })
  },
})

base.describe('with nothing on this computer', () => {
  base.use({ appEnv: NO_PROVIDERS })

  base('the welcome offers Add provider, which opens Settings at its form', async ({ page, app }) => {
    await page.goto(app.url)
    const welcome = page.getByRole('region', { name: 'Welcome to Roundtable' })
    await expect(welcome).toBeVisible()
    await expect(welcome.getByText('Roundtable needs a provider')).toBeVisible()
    // Nothing answered: a short hint, no offer.
    await expect(
      welcome.getByText('Ollama or LM Studio running on this computer would be found here.'),
    ).toBeVisible()
    await expect(welcome.getByRole('button', { name: /^Add (Ollama|LM Studio)/ })).toHaveCount(0)
    // The welcome says it; the notice would say it twice.
    await expect(page.getByText('No provider is set up yet')).toHaveCount(0)

    const addProvider = welcome.getByRole('button', { name: 'Add provider' })
    await addProvider.click()
    const settings = page.getByRole('dialog', { name: 'Settings' })
    await expect(settings.getByRole('heading', { name: 'Add provider' })).toBeVisible()
    await expect(settings.getByLabel('Preset')).toBeFocused()
    await settings.getByRole('button', { name: 'Cancel' }).click()
    await expect(settings.getByRole('button', { name: 'Add provider' })).toBeFocused()
    await settings.getByRole('button', { name: 'Close' }).click()
    await expect(addProvider).toBeFocused()

    // Settings opened the ordinary way still opens at its top.
    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    await expect(settings.getByRole('heading', { name: 'Add provider' })).toHaveCount(0)
    await expect(settings).toBeFocused()
  })

  for (const scheme of ['light', 'dark'] as const) {
    base(`welcome shots ${scheme}, nothing found`, async ({ page, app }) => {
      base.skip(folder === '', 'takes screenshots only when ROUNDTABLE_SCREENSHOTS names a folder')
      await page.emulateMedia({ colorScheme: scheme })
      await page.goto(app.url)
      await expect(page.getByText('would be found here')).toBeVisible()
      await page.screenshot({ path: join(folder, `welcome-${scheme}-none-wide.png`) })
      await page.getByRole('button', { name: 'Add provider' }).click()
      await expect(page.getByLabel('Preset')).toBeFocused()
      await page.screenshot({ path: join(folder, `welcome-${scheme}-settings.png`) })
      await page.getByRole('button', { name: 'Close' }).click()
      await page.setViewportSize({ width: 480, height: 800 })
      await page.screenshot({ path: join(folder, `welcome-${scheme}-none-480.png`) })
    })
  }
})

withOllama('Add Ollama adds it in one click, and the chat works at once', async ({ page, app, local }) => {
  await page.goto(app.url)
  const welcome = page.getByRole('region', { name: 'Welcome to Roundtable' })
  const addOllama = welcome.getByRole('button', { name: 'Add Ollama' })
  await expect(addOllama).toBeVisible()
  await expect(welcome.getByText('found on this computer, 3 models')).toBeVisible()
  await expect(welcome.getByRole('button', { name: 'Add LM Studio' })).toHaveCount(0)
  // The look asked for the model list, and sent no key of any kind.
  const probes = [...local.requests]
  expect(probes.map((request) => request.path)).toContain('/v1/models')
  expect(probes.every((request) => !request.hadAuthorization)).toBe(true)

  await addOllama.click()
  await expect(welcome).toHaveCount(0)
  await expect(page.getByText('Ask anything')).toBeVisible()
  const picker = page.getByLabel('Model')
  await expect(picker.locator('optgroup[label="Ollama"] option')).toHaveText([...LOCAL_MODELS].sort())
  await expect(picker.locator('option:checked')).toHaveText('Default (Ollama · gemma3:4b)')

  const composer = page.getByRole('textbox', { name: 'Message' })
  await expect(composer).toBeFocused()
  await composer.fill('hello from the first run')
  await composer.press('Enter')
  await expect(page.getByText('Echo: hello from the first run')).toBeVisible()

  // Added as Settings would add it: the Ollama preset, where it was found, no key.
  const [provider] =
    await app.call<{ name: string; preset: string; baseURL: string; key: { kind: string } }[]>(
      'listProviders',
    )
  expect(provider).toMatchObject({
    name: 'Ollama',
    preset: 'ollama',
    baseURL: local.baseURL,
    key: { kind: 'not-set' },
  })
  expect(local.requests.some((request) => request.path === '/v1/chat/completions')).toBe(true)
})

withOllama('a failed add is said in the welcome, which stays', async ({ page, app }) => {
  await page.goto(app.url)
  const welcome = page.getByRole('region', { name: 'Welcome to Roundtable' })
  await expect(welcome.getByRole('button', { name: 'Add Ollama' })).toBeVisible()
  // Another window adds a provider of that name first, at a server that does not answer: its models
  // are not fetched, so nothing tells this page, which still shows the welcome.
  await app.call('addProvider', {
    preset: 'custom',
    name: 'Ollama',
    baseURL: `http://127.0.0.1:${await closedPort()}/v1`,
    headers: {},
    azure: null,
  })
  await welcome.getByRole('button', { name: 'Add Ollama' }).click()
  await expect(welcome.getByRole('alert')).toHaveText(
    'Ollama could not be added: There is already a provider called "Ollama". Pick another name.',
  )
  await expect(welcome.getByRole('button', { name: 'Add Ollama' })).toBeEnabled()
  await expect(welcome.getByRole('button', { name: 'Add provider' })).toBeVisible()
})

for (const scheme of ['light', 'dark'] as const) {
  withOllama(`welcome shots ${scheme}`, async ({ page, app }) => {
    withOllama.skip(folder === '', 'takes screenshots only when ROUNDTABLE_SCREENSHOTS names a folder')
    await page.emulateMedia({ colorScheme: scheme })
    await page.goto(app.url)
    await expect(page.getByRole('button', { name: 'Add Ollama' })).toBeVisible()
    await page.screenshot({ path: join(folder, `welcome-${scheme}-wide.png`) })
    await page.setViewportSize({ width: 480, height: 800 })
    await page.screenshot({ path: join(folder, `welcome-${scheme}-480.png`) })
  })
}

import { readFileSync } from 'node:fs'
import { strFromU8, unzipSync } from 'fflate'
import { E2E_KEY, expect, test } from './support/app'
import { addKeyedProvider } from './support/settings'

// No provider from the environment: the key is typed into Settings, as a person would.
test.use({ appEnv: { OPENAI_BASE_URL: '', OPENAI_API_KEY: '', ROUNDTABLE_MODEL: '' } })

test('Export diagnostics saves one zip of logs, settings and traces, with the key nowhere in it', async ({
  page,
  app,
  fake,
}) => {
  await page.goto(app.url)
  const settings = await addKeyedProvider(page, 'Keyed server', fake.baseURL)

  const diagnostics = settings.getByRole('region', { name: 'Diagnostics' })
  await expect(diagnostics.getByText('Keys, header values and passwords are never included.')).toBeVisible()
  const download = page.waitForEvent('download')
  await diagnostics.getByRole('button', { name: 'Export diagnostics' }).click()
  const saved = await download
  expect(saved.suggestedFilename()).toMatch(/^roundtable-diagnostics-\d{4}-\d{2}-\d{2}\.zip$/)
  await expect(diagnostics.getByText(`Exported ${saved.suggestedFilename()}.`)).toBeVisible()

  const bytes = readFileSync(await saved.path())
  const files = Object.fromEntries(
    Object.entries(unzipSync(new Uint8Array(bytes))).map(([name, content]) => [name, strFromU8(content)]),
  )
  expect(Object.keys(files)).toEqual(
    expect.arrayContaining(['logs/roundtable.log', 'settings.json', 'traces.json', 'about.json']),
  )
  expect(files['logs/roundtable.log']).toContain('starting')
  const providers = JSON.parse(files['settings.json'] ?? '{}').providers as { name: string; key: unknown }[]
  expect(providers.find((p) => p.name === 'Keyed server')?.key).toMatchObject({ state: 'stored' })

  // Neither the key nor any telling part of it, in any file, nor in the zip's bytes.
  for (const part of [E2E_KEY, E2E_KEY.slice(3, -4), E2E_KEY.slice(-8)]) {
    for (const content of Object.values(files)) expect(content).not.toContain(part)
    expect(bytes.includes(Buffer.from(part))).toBe(false)
  }
})

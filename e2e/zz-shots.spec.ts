import type { Page } from '@playwright/test'
import { E2E_KEY, expect, test } from './support/app'

async function setup(
  app: { call: <T>(n: string, i?: unknown) => Promise<T> },
  fake: { origin: string; baseURL: string },
) {
  await app.call('addProvider', {
    preset: 'anthropic',
    name: 'Anthropic (fake)',
    baseURL: fake.origin,
    headers: {},
    azure: null,
    apiKey: E2E_KEY,
  })
  const local = await app.call<{ id: string }>('addProvider', {
    preset: 'custom',
    name: 'Local (fake)',
    baseURL: fake.baseURL,
    headers: {},
    azure: null,
    apiKey: E2E_KEY,
  })
  await app.call('saveModel', {
    providerId: local.id,
    model: {
      id: 'fake-missing',
      displayName: null,
      contextWindow: null,
      maxOutputTokens: null,
      inputPrice: 2.5,
      outputPrice: 10,
      vision: false,
      reasoning: false,
    },
  })
  await app.call('saveModel', {
    providerId: local.id,
    model: {
      id: 'fake-large',
      displayName: 'Fake Large',
      contextWindow: 128000,
      maxOutputTokens: null,
      inputPrice: 2.5,
      outputPrice: 10,
      vision: false,
      reasoning: false,
    },
  })
}
async function choose(page: Page, models: string[]) {
  await page.getByRole('button', { name: 'Compare', exact: true }).click()
  const picker = page.getByLabel('Model to add')
  for (const model of models) {
    const option = picker.locator('option', { hasText: model }).first()
    await expect(option).toBeAttached()
    await picker.selectOption({ label: (await option.textContent()) ?? model })
    await page.getByRole('button', { name: 'Add model' }).click()
  }
}
for (const scheme of ['light', 'dark'] as const) {
  test(`shots ${scheme}`, async ({ page, app, fake }) => {
    await page.emulateMedia({ colorScheme: scheme })
    await setup(app, fake)
    await page.goto(app.url)
    await choose(page, ['fake-small', 'Fake Large', 'Claude Fake Sonnet', 'fake-missing'])
    await page.screenshot({ path: `/tmp/shots/${scheme}-1-chooser.png` })
    const composer = page.getByRole('textbox', { name: 'Message' })
    await composer.fill('Write about databases #words=400 #delay=15')
    await composer.press('Enter')
    await page.waitForTimeout(1500)
    await page.screenshot({ path: `/tmp/shots/${scheme}-2-streaming.png` })
    await expect(page.getByRole('button', { name: 'Stop all' })).toHaveCount(0, { timeout: 30000 })
    await page.screenshot({ path: `/tmp/shots/${scheme}-3-done.png` })
    await page.getByText('Grid', { exact: true }).click()
    await page.screenshot({ path: `/tmp/shots/${scheme}-4-grid.png` })
    await page.getByText('Tabs', { exact: true }).click()
    await page.screenshot({ path: `/tmp/shots/${scheme}-5-tabs.png` })
    await page.getByText('Columns', { exact: true }).click()
    await page.getByText('Blind', { exact: true }).click()
    await page.screenshot({ path: `/tmp/shots/${scheme}-6-blind.png` })
    await page.getByText('Blind', { exact: true }).click()
    await page.getByRole('button', { name: 'Merge answers' }).click()
    await page.screenshot({ path: `/tmp/shots/${scheme}-7-merge.png` })
    await page.getByRole('button', { name: 'Cancel' }).click()
    await page.setViewportSize({ width: 480, height: 800 })
    await page.screenshot({ path: `/tmp/shots/${scheme}-8-narrow.png` })
    await page.setViewportSize({ width: 1200, height: 800 })
    await page
      .getByRole('region', { name: 'Fake Large' })
      .getByRole('button', { name: 'Keep this answer' })
      .click()
    await page.screenshot({ path: `/tmp/shots/${scheme}-9-kept.png` })
    await page.getByRole('button', { name: 'Leaderboard' }).click()
    await page.screenshot({ path: `/tmp/shots/${scheme}-10-leaderboard.png` })
  })
}
test('empty leaderboard', async ({ page, app }) => {
  await page.goto(app.url)
  await page.getByRole('button', { name: 'Leaderboard' }).click()
  await page.screenshot({ path: '/tmp/shots/light-0-leaderboard-empty.png' })
})

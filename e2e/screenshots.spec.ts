// Screenshots of every side-by-side state (choosing, streaming, done, grid, tabs, blind, merge, narrow,
// kept, leaderboard), light and dark, for a person to look at. Not a test of anything: it runs only when
// ROUNDTABLE_SCREENSHOTS names a folder to write them to, e.g.
//   ROUNDTABLE_SCREENSHOTS=/tmp/shots npx playwright test e2e/screenshots.spec.ts
import { join } from 'node:path'
import type { FakeProvider } from '../test/fake-provider/server.ts'
import { type AppProcess, expect, test } from './support/app'
import { addAnthropic, addLocal, chooseModels, saveModel } from './support/compare'

const folder = process.env.ROUNDTABLE_SCREENSHOTS ?? ''
test.skip(folder === '', 'takes screenshots only when ROUNDTABLE_SCREENSHOTS names a folder')
const shot = (name: string) => ({ path: join(folder, `${name}.png`) })

async function setup(app: AppProcess, fake: FakeProvider) {
  await addAnthropic(app, fake.origin)
  const local = await addLocal(app, fake.baseURL)
  await saveModel(app, local.id, 'fake-missing', { inputPrice: 2.5, outputPrice: 10 })
  await saveModel(app, local.id, 'fake-large', {
    displayName: 'Fake Large',
    contextWindow: 128_000,
    inputPrice: 2.5,
    outputPrice: 10,
  })
}

for (const scheme of ['light', 'dark'] as const) {
  test(`shots ${scheme}`, async ({ page, app, fake }) => {
    await page.emulateMedia({ colorScheme: scheme })
    await setup(app, fake)
    await page.goto(app.url)
    await chooseModels(page, ['fake-small', 'Fake Large', 'Claude Fake Sonnet', 'fake-missing'])
    await page.screenshot(shot(`${scheme}-1-chooser`))
    const composer = page.getByRole('textbox', { name: 'Message' })
    await composer.fill('Write about databases #words=400 #delay=15')
    await composer.press('Enter')
    await page.waitForTimeout(1500)
    await page.screenshot(shot(`${scheme}-2-streaming`))
    await expect(page.getByRole('button', { name: 'Stop all' })).toHaveCount(0, { timeout: 30000 })
    await page.screenshot(shot(`${scheme}-3-done`))
    await page.getByText('Grid', { exact: true }).click()
    await page.screenshot(shot(`${scheme}-4-grid`))
    await page.getByText('Tabs', { exact: true }).click()
    await page.screenshot(shot(`${scheme}-5-tabs`))
    await page.getByText('Columns', { exact: true }).click()
    await page.getByText('Blind', { exact: true }).click()
    await page.screenshot(shot(`${scheme}-6-blind`))
    await page.getByText('Blind', { exact: true }).click()
    await page.getByRole('button', { name: 'Merge answers' }).click()
    await page.screenshot(shot(`${scheme}-7-merge`))
    await page.getByRole('button', { name: 'Cancel' }).click()
    await page.setViewportSize({ width: 480, height: 800 })
    await page.screenshot(shot(`${scheme}-8-narrow`))
    await page.setViewportSize({ width: 1200, height: 800 })
    await page
      .getByRole('region', { name: 'Fake Large' })
      .getByRole('button', { name: 'Keep this answer' })
      .click()
    await page.screenshot(shot(`${scheme}-9-kept`))
    await page.getByRole('button', { name: 'Leaderboard' }).click()
    await page.screenshot(shot(`${scheme}-10-leaderboard`))
  })
}
test('empty leaderboard', async ({ page, app }) => {
  await page.goto(app.url)
  await page.getByRole('button', { name: 'Leaderboard' }).click()
  await page.screenshot(shot('light-0-leaderboard-empty'))
})

// The request pipeline as a person sees it: what an answer waits for, counted live; a model paused
// after repeated failures, marked in the picker, and tried again on request; the Requests settings.
import { expect, test } from './support/app'

test('a rate-limited answer says so and counts down, then arrives', async ({ page, app, fake }) => {
  fake.enqueueFault({ kind: 'http', status: 429, retryAfterSeconds: 2 })
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('patience')
  await composer.press('Enter')
  const status = page
    .getByRole('status')
    .filter({ hasText: /Rate limited by .+\. Retrying in \d s \(attempt 2 of 3\)/ })
  await expect(status).toBeVisible()
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('rate-limited.png') })
  await expect(page.getByText('Echo: patience')).toBeVisible()
  await expect(status).toHaveCount(0)
})

test('Cancel works while an answer waits for its first token', async ({ page, app }) => {
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('think hard #fault=slow:20000')
  await composer.press('Enter')
  await expect(page.getByText(/Waiting for the first token… \d+ s/)).toBeVisible()
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByText('Stopped', { exact: true })).toBeVisible()
})

test('a model that keeps failing is paused, marked in the picker, and Try now probes it', async ({
  page,
  app,
}) => {
  await page.goto(app.url)
  // One attempt per message, so five messages are five failures.
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByLabel('Attempts').fill('1')
  await settings.getByRole('button', { name: 'Save request settings' }).click()
  await expect(settings.getByText('Request settings saved.')).toBeVisible()
  await settings.getByRole('button', { name: 'Close' }).click()

  const composer = page.getByRole('textbox', { name: 'Message' })
  for (let i = 1; i <= 5; i++) {
    await composer.fill(`failing ${i} #fault=500`)
    await composer.press('Enter')
    await expect(page.getByText(/had a problem \(500\)/)).toHaveCount(i)
  }
  await composer.fill('are you there?')
  await composer.press('Enter')
  await expect(
    page.getByText(/fake-small is paused after repeated failures\. Trying again in \d+ s\./),
  ).toBeVisible()
  await expect(page.getByRole('option', { name: /fake-small \(paused after failures\)/ })).toHaveCount(1)
  await page.screenshot({ path: test.info().outputPath('paused.png') })
  await page.getByRole('button', { name: 'Try now' }).click()
  await expect(page.getByText('Echo: are you there?')).toBeVisible()
  await expect(page.getByRole('option', { name: /paused after failures/ })).toHaveCount(0)
})

// Every answer shows its timing and cost; its details show the request's attempts; Monitoring shows the
// requests just made, the failed one included, as charts, a table per model and a log.
import { expect, test } from './support/app'
import { watchCsp } from './support/csp'

async function ask(page: import('@playwright/test').Page, text: string) {
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill(text)
  await composer.press('Enter')
}

test('an answer shows model, first token, speed and tokens; a click shows the request', async ({
  page,
  app,
}) => {
  await page.goto(app.url)
  await ask(page, 'Tell me #words=60')
  const facts = page.locator('.answer-facts')
  await expect(facts).toHaveText(/^fake-small · \d+\.\d s · \d+ tok\/s · [\d,]+ tokens$/)
  await facts.click()
  const dialog = page.getByRole('dialog', { name: 'Request details' })
  await expect(dialog.getByText('Time to first token')).toBeVisible()
  await expect(dialog.getByRole('table')).toContainText('Answered')
  await expect(dialog).toContainText('Not from the cache')
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(dialog).toHaveCount(0)
})

test('Monitoring explains itself when empty, then shows the requests just made, failures included', async ({
  page,
  app,
}) => {
  const csp = await watchCsp(page)
  await page.goto(app.url)
  await page.getByRole('button', { name: 'Monitoring' }).click()
  const monitoring = page.getByRole('region', { name: 'Monitoring' })
  await expect(monitoring.getByText('Nothing to show for this period yet.')).toBeVisible()
  await expect(monitoring.getByText('No requests in this period yet.')).toBeVisible()

  await page.getByRole('button', { name: 'Monitoring' }).click()
  await ask(page, 'First question')
  await expect(page.getByText('Echo: First question')).toBeVisible()
  await ask(page, 'Second question #fault=401')
  await expect(page.getByText('rejected the API key')).toBeVisible()

  await page.getByRole('button', { name: 'Monitoring' }).click()
  // Traces are written a moment after each answer: Refresh asks again. Three requests: the two
  // answers, and the one that named the chat.
  await expect(async () => {
    await monitoring.getByRole('button', { name: 'Refresh' }).click()
    await expect(monitoring.locator('.monitoring-totals')).toContainText('Requests3', { timeout: 1_000 })
  }).toPass({ timeout: 10_000 })
  await expect(monitoring.locator('.monitoring-totals')).toContainText('Error rate33%')
  await expect(monitoring.getByRole('img', { name: /^Requests: 24 hours/ })).toBeVisible()
  const byModel = monitoring.locator('table.model-stats')
  await expect(byModel.getByRole('row', { name: /fake-small/ })).toContainText('Working')

  const log = monitoring.getByRole('region', { name: 'Request log' })
  await expect(log.locator('tbody tr')).toHaveCount(3)
  await expect(log.locator('tbody tr').filter({ hasText: 'Title for' })).toHaveCount(1)
  await log.getByRole('combobox', { name: 'Status' }).selectOption('error')
  await expect(log.locator('tbody tr')).toHaveCount(1)
  await log.locator('tbody tr').getByRole('button').click()
  const dialog = page.getByRole('dialog', { name: 'Request details' })
  await expect(dialog).toContainText('Failed (auth)')
  await expect(dialog.getByRole('table')).toContainText('rejected the API key')
  await dialog.getByRole('button', { name: 'Close' }).click()

  await monitoring.getByText('7 days').click()
  await expect(monitoring.getByRole('img', { name: /^Requests: 7 days/ })).toBeVisible()
  expect(await csp()).toEqual([])
})

test('Settings keeps request details for the days chosen, and refuses nonsense beside the field', async ({
  page,
  app,
}) => {
  await page.goto(app.url)
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const section = page.getByRole('region', { name: 'Monitoring' })
  const days = section.getByRole('spinbutton', { name: 'Keep request details for (days)' })
  await expect(days).toHaveValue('90')
  await days.fill('0')
  await section.getByRole('button', { name: 'Save monitoring settings' }).click()
  await expect(section.getByText('Between 1 and 3,650.')).toBeVisible()
  await days.fill('30')
  await section.getByRole('button', { name: 'Save monitoring settings' }).click()
  await expect(section.getByText('Monitoring settings saved.')).toBeVisible()
  const settings = await app.call<{ traces: { retentionDays: number } }>('getSettings')
  expect(settings.traces.retentionDays).toBe(30)
})

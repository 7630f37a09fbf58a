// The response cache as a person meets it: a deterministic question asked again in a new chat is
// answered at once, marked Cached, with nothing sent to the provider; Settings shows what the cache
// holds and Clear cache empties it.
import type { Page } from '@playwright/test'
import type { FakeProvider } from '../test/fake-provider/server.ts'
import { expect, test } from './support/app'

const newChatButton = (page: Page) =>
  page.locator('.sidebar-actions').getByRole('button', { name: 'New chat' })

/** Chat requests that ask for an answer (a chat's title is asked for too, and cached as well). */
const answerRequests = (fake: FakeProvider) =>
  fake.requests.filter(
    (r) => r.path.endsWith('/chat/completions') && !JSON.stringify(r.body).includes('Write a title'),
  )

async function atTemperatureZero(page: Page) {
  await page.getByRole('button', { name: 'Chat settings' }).click()
  const panel = page.getByRole('form', { name: 'Chat settings' })
  await panel.getByLabel('Temperature').fill('0')
  await expect(panel.getByLabel('Cache')).toHaveValue('auto')
  await expect(panel.getByText(/Answers at temperature 0, and chat titles, are kept/)).toBeVisible()
  await panel.getByRole('button', { name: 'Save chat settings' }).click()
  await expect(panel).toHaveCount(0)
}

async function ask(page: Page, text: string) {
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill(text)
  await composer.press('Enter')
  const answer = page.getByRole('article').filter({ hasText: `Echo: ${text}` })
  await expect(answer).toBeVisible()
  await expect(answer.getByText('Answering…')).toHaveCount(0)
  return answer
}

test('the same question at temperature 0 in a new chat is answered from the cache, marked Cached', async ({
  page,
  app,
  fake,
}) => {
  await page.goto(app.url)
  await newChatButton(page).click()
  await atTemperatureZero(page)
  const first = await ask(page, 'What is the tallest mountain?')
  await expect(first.getByText('Cached', { exact: true })).toHaveCount(0)
  expect(answerRequests(fake)).toHaveLength(1)
  // Let the model name the first chat (its first words, without the question mark) before counting
  // what the second one sends.
  await expect(
    page
      .getByRole('navigation', { name: 'Chats' })
      .getByText('What is the tallest mountain', { exact: true }),
  ).toBeVisible()
  const before = fake.requests.length

  await newChatButton(page).click()
  await atTemperatureZero(page)
  const second = await ask(page, 'What is the tallest mountain?')
  await expect(second.getByText('Cached', { exact: true })).toBeVisible()
  // Named from the cache too: nothing at all reached the provider for the second chat.
  await expect(
    page
      .getByRole('navigation', { name: 'Chats' })
      .getByText('What is the tallest mountain', { exact: true }),
  ).toHaveCount(2)
  expect(fake.requests.length).toBe(before)
  // Still marked after a reload: it is saved with the answer.
  await page.reload()
  await expect(
    page.getByRole('article').filter({ hasText: 'Echo: What is the tallest mountain?' }).getByText('Cached', {
      exact: true,
    }),
  ).toBeVisible()

  // Regenerate asks the provider afresh.
  const shown = page.getByRole('article').filter({ hasText: 'Echo: What is the tallest mountain?' })
  await shown.hover()
  await shown.getByRole('button', { name: 'Regenerate' }).click()
  await expect.poll(() => answerRequests(fake).length).toBe(2)
  await expect(
    page
      .getByRole('article')
      .filter({ hasText: 'Echo: What is the tallest mountain?' })
      .getByText('Answering…'),
  ).toHaveCount(0)
  await expect(
    page.getByRole('article').filter({ hasText: 'Echo: What is the tallest mountain?' }).getByText('Cached', {
      exact: true,
    }),
  ).toHaveCount(0)
  expect(fake.requests.length).toBeGreaterThan(before)

  // Settings shows what the cache holds; Clear cache empties it.
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  const section = settings.getByRole('region', { name: 'Response cache' })
  const contents = section.getByRole('definition')
  // Retried until the figure arrives: read once, it could still be the placeholder shown while loading.
  await expect(contents.nth(1)).toHaveText(/^[1-9][\d,]*$/)
  await expect(contents.nth(2)).toContainText('%')
  await section.getByRole('button', { name: 'Clear cache' }).click()
  await expect(section.getByText('The cache is empty.')).toBeVisible()
  await expect(contents.nth(0)).toHaveText('0 B')
  await expect(contents.nth(1)).toHaveText('0')
  await expect(contents.nth(2)).toHaveText('No lookups yet')
})

test('the cache settings are saved, and a bad value is refused with a reason', async ({ page, app }) => {
  await page.goto(app.url)
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const section = page
    .getByRole('dialog', { name: 'Settings' })
    .getByRole('region', { name: 'Response cache' })
  const ttl = section.getByLabel('Keep answers for (days)')
  const cap = section.getByLabel('Size cap (MB)')
  await expect(ttl).toHaveValue('7')
  await expect(cap).toHaveValue('200')
  await ttl.fill('0')
  await section.getByRole('button', { name: 'Save cache settings' }).click()
  await expect(section.getByText('Between 1 and 365.')).toBeVisible()
  await ttl.fill('30')
  await cap.fill('50')
  await section.getByRole('button', { name: 'Save cache settings' }).click()
  await expect(section.getByText('Cache settings saved.')).toBeVisible()
  expect(await app.call('getSettings')).toMatchObject({ cache: { ttlDays: 30, maxMegabytes: 50 } })
})

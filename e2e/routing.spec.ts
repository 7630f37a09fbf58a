// Auto as a new user meets it: a routing profile made in Settings → Routing, picked in the model
// picker, answers say which model Auto chose; with one candidate down, the answer still comes, from
// the healthy one, and says so; Request details explains the scores.
import { expect, test } from './support/app'
import { addLocal } from './support/compare'

test('a profile made in Settings routes the chat, and a failing candidate hands over to a healthy one', async ({
  page,
  app,
  fake,
}) => {
  await addLocal(app, fake.baseURL)
  await page.goto(app.url)

  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  const routing = settings.getByRole('region', { name: 'Routing' })
  // The built-in profiles are there from the start.
  for (const name of ['Fast', 'Cheap', 'Best', 'Balanced'])
    await expect(routing.getByRole('button', { name: `Edit ${name}` })).toBeVisible()
  await routing.getByRole('button', { name: 'New profile' }).click()
  const form = routing.getByRole('form', { name: 'New profile' })
  await form.getByLabel('Name', { exact: true }).fill('Mine')
  const local = form.getByRole('group', { name: 'Local (fake)' })
  await local.getByLabel('fake-large', { exact: true }).check()
  await local.getByLabel('fake-small', { exact: true }).check()
  await form.getByLabel('Latency').fill('5')
  await form.getByLabel('Fallbacks at most').fill('1')
  // No exploring, so which model is tried first does not depend on chance.
  await form.getByLabel('Exploration (%)').fill('0')
  await form.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(routing.getByRole('button', { name: 'Edit Mine' })).toBeVisible()
  await settings.getByRole('button', { name: 'Close' }).first().click()

  await page.getByLabel('Model', { exact: true }).selectOption({ label: 'Auto (Mine)' })
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('Hello there')
  await composer.press('Enter')
  await expect(page.getByText('Echo: Hello there')).toBeVisible()
  const facts = page.locator('.answer-facts')
  await expect(facts.last()).toContainText('Auto chose fake-large')

  // fake-large is down for this message: its retries fail, then fake-small answers.
  await composer.fill('Once more #down=fake-large')
  await composer.press('Enter')
  await expect(page.getByText('Echo: Once more')).toBeVisible({ timeout: 30_000 })
  await expect(facts.last()).toContainText('Auto chose fake-small')
  await expect(facts.last()).toContainText('after fake-large failed')

  await facts.last().click()
  const details = page.getByRole('dialog', { name: 'Request details' })
  const why = details.getByRole('region', { name: 'Why this model' })
  await expect(why).toContainText('Auto (Mine) chose fake-large')
  await expect(why.getByRole('list', { name: 'Models asked' })).toContainText(
    'Fell back to fake-small: answered',
  )
  await expect(why.getByRole('row', { name: /fake-small/ })).toBeVisible()
  await expect(why.getByRole('columnheader', { name: 'Latency ×5' })).toBeVisible()
})

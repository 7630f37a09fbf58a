// A list follows a streaming answer to its end, stops when the person scrolls up to read, and follows
// again once they are back at the end: in the conversation and in a side-by-side column.
import type { Locator } from '@playwright/test'
import { expect, test } from './support/app'
import { addLocal, chooseModels, column } from './support/compare'

const distanceFromEnd = (list: Locator) =>
  list.evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight)

async function readsBackThenFollows(list: Locator) {
  await expect
    .poll(() => list.evaluate((element) => element.scrollHeight > element.clientHeight * 2))
    .toBe(true)
  // Following: at the end while text arrives.
  await expect.poll(() => distanceFromEnd(list)).toBeLessThan(80)
  await list.hover()
  await list.page().mouse.wheel(0, -400)
  await expect.poll(() => distanceFromEnd(list)).toBeGreaterThan(200)
  const readingAt = await list.evaluate((element) => element.scrollTop)
  await list.page().waitForTimeout(600)
  // Text kept arriving, and the place the person reads stayed put.
  expect(Math.abs((await list.evaluate((element) => element.scrollTop)) - readingAt)).toBeLessThan(2)
  // End goes back to the end, and the list follows from there.
  await list.focus()
  await list.press('End')
  await expect.poll(() => distanceFromEnd(list)).toBeLessThan(80)
}

test('the conversation follows an answer, lets the person read back, and follows again', async ({
  page,
  app,
}) => {
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('Long one #words=6000 #delay=8')
  await composer.press('Enter')
  await readsBackThenFollows(page.locator('.message-list'))
  await page.getByRole('button', { name: 'Stop', exact: true }).click()
})

test('a column follows its own answer and lets the person read back in it', async ({ page, app, fake }) => {
  await addLocal(app, fake.baseURL)
  await page.goto(app.url)
  await chooseModels(page, ['fake-small', 'fake-large'])
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('Long one #words=6000 #delay=8')
  await composer.press('Enter')
  await readsBackThenFollows(column(page, 'fake-large').locator('.compare-column-body'))
  await page.getByRole('button', { name: 'Stop all' }).click()
})

// The "done means", as a new user does it: three models answer one prompt side by side; keeping
// the second sends only it as context; the others stay browsable with ‹ › and can be kept instead; a
// failing model's column shows its error while the others finish; continuing separately gives each
// model its own thread; a merge adds one more answer; votes show on the Leaderboard; after a restart
// everything is where it was.
import { expect, test } from './support/app'
import { addAnthropic, addLocal, chooseModels, column, saveModel } from './support/compare'

/** The non-system messages of the fake's most recent chat request, as text. */
function lastContext(fake: { requests: { method: string; body: unknown }[] }): string[] {
  const post = fake.requests.filter((r) => r.method === 'POST').at(-1)
  const messages = (
    (post?.body as { messages?: { role: string; content: unknown }[] })?.messages ?? []
  ).filter((m) => m.role !== 'system')
  return messages.map((m) =>
    typeof m.content === 'string'
      ? m.content
      : (m.content as { text?: string }[]).map((p) => p.text).join(''),
  )
}

test('three models side by side: keep one, browse the others, merge, vote, restart', async ({
  page,
  app,
  fake,
}) => {
  await addAnthropic(app, fake.origin)
  await addLocal(app, fake.baseURL)
  await page.goto(app.url)
  await chooseModels(page, ['fake-small', 'fake-large', 'Claude Fake Sonnet'])
  await expect(page.locator('.chip')).toHaveCount(3)

  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('Name a colour')
  await composer.press('Enter')
  const board = page.getByRole('region', { name: 'Answers side by side' })
  await expect(board.locator('.compare-column')).toHaveCount(3)
  await expect(board.locator('.compare-column .badge-complete, .compare-column :text("Done")')).toHaveCount(3)
  await expect(column(page, 'fake-large')).toContainText('Echo: Name a colour')
  // Each header shows the figures.
  await expect(column(page, 'fake-large').locator('.compare-column-stats')).toContainText('tokens')
  await expect(composer).toHaveAttribute('placeholder', 'Keep an answer to go on')

  // Layouts switch and are remembered.
  await page.getByText('Grid', { exact: true }).click()
  await expect(board.locator('.compare-board')).toHaveClass(/compare-grid/)

  // A vote, then keep the second.
  await column(page, 'Claude Fake Sonnet').getByRole('button', { name: 'Good answer' }).click()
  await column(page, 'fake-large').getByRole('button', { name: 'Keep this answer' }).click()
  await expect(board).toHaveCount(0)
  await expect(page.getByText('2 / 3')).toBeVisible()

  await page.getByRole('button', { name: 'Stop comparing' }).click()
  await composer.fill('Why that one?')
  await composer.press('Enter')
  await expect(page.getByText('Echo: Why that one?')).toBeVisible()
  const keptText = await page.locator('.message-assistant').first().locator('.markdown').textContent()
  expect(lastContext(fake)).toEqual(['Name a colour', keptText?.trim(), 'Why that one?'])

  // The others are one click away, and can be kept instead.
  await page.getByRole('button', { name: 'Previous answer' }).first().click()
  await expect(page.getByText('1 / 3')).toBeVisible()
  await expect(page.locator('.message-assistant').first()).toHaveAttribute('aria-label', 'fake-small')
  await page.getByRole('button', { name: 'Next answer' }).first().click()
  await expect(page.getByText('Echo: Why that one?')).toBeVisible()

  // Side by side again, then merge all three.
  await page.locator('.message-assistant').first().getByRole('button', { name: 'Side by side' }).click()
  await expect(board.locator('.compare-column')).toHaveCount(3)
  await board.getByRole('button', { name: 'Merge answers' }).click()
  const merge = page.getByRole('dialog', { name: 'Merge answers' })
  await expect(merge.getByRole('checkbox')).toHaveCount(3)
  await merge.getByRole('button', { name: 'Merge', exact: true }).click()
  await expect(board.locator('.compare-column')).toHaveCount(4)
  await expect(board.getByText('Merged from fake-small, fake-large, Claude Fake Sonnet')).toBeVisible()
  await expect(board.locator('.compare-column').last()).toContainText('Done')

  // The Leaderboard counts the keep and the vote.
  await page.getByRole('button', { name: 'Leaderboard' }).click()
  const table = page.getByRole('table')
  await expect(table.getByRole('row')).toHaveCount(4)
  // Kept over both others (the vote for Claude says nothing about the kept answer; it beats fake-small).
  const large = table.getByRole('row', { name: /fake-large/ }).getByRole('cell')
  // Cells: place, rating, wins, losses, votes.
  await expect(large.nth(2)).toHaveText('2')
  await expect(large.nth(3)).toHaveText('0')
  await expect(table.getByRole('row', { name: /Claude Fake Sonnet/ })).toContainText('1 up')

  // After a restart, everything is where it was.
  const port = Number(new URL(app.url).port)
  await app.kill()
  await app.start(port)
  await page.goto(app.url)
  await expect(board.locator('.compare-column')).toHaveCount(4)
  await expect(board.locator('.compare-board')).toHaveClass(/compare-grid/)
  await expect(
    column(page, 'Claude Fake Sonnet').getByRole('button', { name: 'Good answer' }),
  ).toHaveAttribute('aria-pressed', 'true')
})

test('a failing column shows its error while the others finish; Ask another model; Stop all; continuing separately', async ({
  page,
  app,
  fake,
}) => {
  await addAnthropic(app, fake.origin)
  await page.goto(app.url)
  // A model the server does not have: its column fails while the others answer.
  const local = await addLocal(app, fake.baseURL)
  await saveModel(app, local.id, 'fake-missing')
  await page.reload()
  await chooseModels(page, ['fake-small', 'fake-missing', 'Claude Fake Sonnet'])
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('Hi there')
  await composer.press('Enter')
  const board = page.getByRole('region', { name: 'Answers side by side' })
  await expect(column(page, 'fake-missing').getByRole('alert')).toContainText(/does not exist|not found/i)
  await expect(column(page, 'fake-small')).toContainText('Echo: Hi there')
  await expect(column(page, 'Claude Fake Sonnet')).toContainText('Hi there')
  const another = column(page, 'fake-missing').getByLabel('Ask another model')
  await another.selectOption({
    label: (await another.locator('option', { hasText: 'fake-large' }).textContent()) ?? '',
  })
  await expect(column(page, /fake-large/)).toContainText('Echo: Hi there')
  await column(page, 'fake-small').getByRole('button', { name: 'Keep this answer' }).click()

  // The chosen models stay chosen for the chat: the next question goes side by side again.
  await composer.fill('Tell me #words=300 #delay=5')
  await composer.press('Enter')
  await expect(board.getByRole('button', { name: 'Stop all' })).toBeVisible()
  await board.getByRole('button', { name: 'Stop all' }).click()
  await expect(board.getByText('Stopped', { exact: true })).toHaveCount(2)
  await expect(column(page, 'fake-missing').getByText('Failed', { exact: true })).toBeVisible()

  await board.getByRole('button', { name: 'Continue separately' }).click()
  await expect(composer).toHaveAttribute('placeholder', /every column/)
  await composer.fill('Go on')
  await composer.press('Enter')
  await expect(board.locator('.compare-column')).toHaveCount(3)
  await expect(column(page, 'fake-small')).toContainText('Echo: Go on')
  await expect(column(page, 'Claude Fake Sonnet')).toContainText('Go on')
  // Each column's own thread: its first answer, then the new question and answer.
  await expect(column(page, 'fake-small').locator('.column-message')).toHaveCount(3)
})

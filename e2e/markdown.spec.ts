// Answers rendered right: multi-line highlighted code with its language and a Copy button, bold that is
// bold, inline code that stands out, tables, and math. The fake provider echoes the message, so the
// answer holds exactly the Markdown sent.
import { expect, test } from './support/app'

const ANSWER = [
  'Some **bold** words and `inline code`.',
  '',
  '```ts',
  'const a = 1',
  'const b = 2',
  '```',
  '',
  '| Name | Value |',
  '| --- | --- |',
  '| a | 1 |',
  '',
  'Inline \\(a^2 + b^2\\) and $x_1$, display:',
  '',
  '$$\\int_0^1 x\\,dx$$',
  '',
  'It costs $5 and $10.',
].join('\n')

test('code, bold, inline code, tables and math render as they should', async ({ page, app, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill(ANSWER)
  await composer.press('Enter')
  const answer = page.locator('.message-assistant').last()
  const block = answer.locator('[data-streamdown="code-block"]')
  await expect(block).toBeVisible()

  // One line per line: the two lines of code sit one above the other.
  const lines = block.locator('[data-streamdown="code-block-body"] code > span')
  await expect(lines).toHaveCount(2)
  const [first, second] = await lines.evaluateAll((spans) => spans.map((s) => s.getBoundingClientRect().top))
  expect((second ?? 0) - (first ?? 0)).toBeGreaterThan(10)
  await expect(lines.nth(0)).toHaveText('const a = 1')

  // Highlighted: a keyword has a colour of its own.
  await expect
    .poll(() =>
      block
        .locator('code span span', { hasText: 'const' })
        .first()
        .evaluate((s) => getComputedStyle(s).color),
    )
    .not.toBe(await answer.evaluate((e) => getComputedStyle(e).color))

  // The language in the block's header, and a Copy button that copies the code.
  await expect(block.locator('[data-streamdown="code-block-header"]')).toHaveText('ts')
  await block.getByRole('button', { name: 'Copy' }).click()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('const a = 1\nconst b = 2\n')

  // Bold is bold; inline code has a background.
  const bold = answer.getByText('bold', { exact: true })
  expect(Number(await bold.evaluate((e) => getComputedStyle(e).fontWeight))).toBeGreaterThanOrEqual(600)
  const inline = answer.locator('[data-streamdown="inline-code"]')
  expect(await inline.evaluate((e) => getComputedStyle(e).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)')

  await expect(answer.getByRole('table')).toContainText('Value')
  // Math: inline in both spellings, and display; prices stay prices.
  await expect(answer.locator('.katex')).toHaveCount(3)
  await expect(answer.locator('.katex-display')).toHaveCount(1)
  await expect(answer).toContainText('It costs $5 and $10.')
  if (process.env.ROUNDTABLE_SCREENSHOTS) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await answer.screenshot({ path: `${process.env.ROUNDTABLE_SCREENSHOTS}/markdown-${scheme}.png` })
    }
  }
})

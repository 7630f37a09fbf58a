// Answers rendered right: multi-line highlighted code with its language and a Copy button, bold that is
// bold, inline code that stands out, tables, and math. The fake provider echoes the message, so the
// answer holds exactly the Markdown sent.
import { expect, test } from './support/app'
import { watchCsp } from './support/csp'

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

// Mermaid: drawn once its block is complete, as an <img> of the SVG, so the strict CSP has nothing to
// report (Mermaid's own inline styles never reach the page).
const FLOWCHART = [
  'flowchart LR',
  '  A[Ask] --> B{Answer?}',
  '  B -->|Yes| C[Draw it]',
  '  B -->|No| D[Show source]',
]

test('a finished mermaid block is a diagram, with Source and Diagram to switch', async ({
  page,
  app,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const violations = await watchCsp(page)
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill(['A diagram:', '', '```mermaid', ...FLOWCHART, '```', '', 'That is all.'].join('\n'))
  await composer.press('Enter')
  const block = page.locator('.message-assistant').last().locator('[data-streamdown="mermaid-block"]')
  const image = block.getByRole('img', { name: 'Diagram: flowchart LR' })
  await expect(image).toBeVisible()
  await expect
    .poll(() =>
      image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth * img.naturalHeight),
    )
    .toBeGreaterThan(0)
  expect(await image.getAttribute('src')).toMatch(/^data:image\/svg\+xml/)

  const diagram = block.getByRole('button', { name: 'Diagram' })
  const source = block.getByRole('button', { name: 'Source' })
  await expect(diagram).toHaveAttribute('aria-pressed', 'true')
  await expect(source).toHaveAttribute('aria-pressed', 'false')
  await source.click()
  await expect(source).toHaveAttribute('aria-pressed', 'true')
  await expect(image).toHaveCount(0)
  await expect(block.locator('[data-streamdown="code-block-body"]')).toContainText('A[Ask] --> B{Answer?}')
  await block.getByRole('button', { name: 'Copy' }).click()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(FLOWCHART.join('\n'))
  await diagram.click()
  await expect(diagram).toHaveAttribute('aria-pressed', 'true')
  await expect(image).toBeVisible()
  await expect(block.locator('[data-streamdown="code-block-body"]')).toHaveCount(0)

  // Dark: drawn again in Mermaid's dark theme, by the system's scheme or by the Theme setting.
  const lightSrc = await image.getAttribute('src')
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect.poll(() => image.getAttribute('src')).not.toBe(lightSrc)
  const darkSrc = await image.getAttribute('src')
  await page.emulateMedia({ colorScheme: 'light' })
  await expect.poll(() => image.getAttribute('src')).toBe(lightSrc)
  await page.evaluate(() => {
    document.documentElement.dataset.theme = 'dark'
  })
  await expect.poll(() => image.getAttribute('src')).toBe(darkSrc)
  await page.evaluate(() => {
    delete document.documentElement.dataset.theme
  })
  await expect.poll(() => image.getAttribute('src')).toBe(lightSrc)

  const shots = process.env.ROUNDTABLE_SCREENSHOTS
  if (shots) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await expect.poll(() => image.getAttribute('src')).toBe(scheme === 'light' ? lightSrc : darkSrc)
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete)).toBe(true)
      await block.screenshot({ path: `${shots}/mermaid-${scheme}.png` })
    }
  }
  expect(await violations()).toEqual([])
})

test('a mermaid block that cannot be drawn shows why, and its source', async ({ page, app }) => {
  const violations = await watchCsp(page)
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill(['Broken:', '', '```mermaid', 'flowchart LR', '  A --> (', '```'].join('\n'))
  await composer.press('Enter')
  const block = page.locator('.message-assistant').last().locator('[data-streamdown="mermaid-block"]')
  await expect(block.getByText(/^This diagram could not be drawn: .+/)).toBeVisible()
  await expect(block.locator('[data-streamdown="code-block-body"]')).toContainText('A --> (')
  await expect(block.getByRole('img')).toHaveCount(0)
  await expect(block.getByRole('button', { name: 'Diagram' })).toHaveCount(0)
  await expect(block.getByRole('button', { name: 'Copy' })).toBeVisible()
  // Mermaid's own error picture never shows, in the block or anywhere else on the page.
  await expect(page.getByText('Syntax error in text')).toHaveCount(0)
  expect(await violations()).toEqual([])
})

test('a mermaid block is not drawn while it streams, and is drawn once when its fence closes', async ({
  page,
  app,
}) => {
  const violations = await watchCsp(page)
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  const tail = Array.from({ length: 16 }, (_, i) => `after${i}`).join(' ')
  await composer.fill(['#delay=300 Streaming:', '', '```mermaid', ...FLOWCHART, '```', '', tail].join('\n'))
  await composer.press('Enter')
  const answer = page.locator('.message-assistant').last()
  // The block's first lines have arrived, its closing fence has not: the source, and no diagram.
  const streamingBlock = answer.locator('[data-streamdown="code-block"][data-incomplete="true"]')
  await expect(streamingBlock).toContainText('A[Ask]')
  await expect(answer.locator('[data-streamdown="mermaid-block"]')).toHaveCount(0)
  await expect(answer.locator('img')).toHaveCount(0)

  // The fence closes while the rest still streams: the diagram is drawn, and the words after it do not
  // draw it again (the same element, the same picture).
  const image = answer.getByRole('img', { name: 'Diagram: flowchart LR' })
  await expect(image).toBeVisible()
  await expect(answer).not.toContainText('after15')
  const drawn = await image.elementHandle()
  const src = await image.getAttribute('src')
  await expect(answer).toContainText('after12')
  await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible()
  expect(await drawn?.evaluate((img) => img.isConnected)).toBe(true)
  // Once the answer is complete, the same picture (from the drawing already made).
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0)
  await expect(answer).toContainText('after15')
  expect(await image.getAttribute('src')).toBe(src)
  expect(await violations()).toEqual([])
})

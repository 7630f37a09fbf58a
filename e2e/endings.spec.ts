// Answers that end other than with a plain stop say how they ended, and a cut one can go on.
import { expect, test } from './support/app'

test('a cut answer says so and Continue goes on; a tool call and an empty answer are named', async ({
  page,
  app,
}) => {
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('tell me a lot #words=60 #ending=length')
  await composer.press('Enter')
  await expect(page.getByText('Cut off at the token limit.')).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('cut-off.png') })
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByText('Echo: Continue exactly where you stopped.')).toBeVisible()

  await composer.fill('weather in Paris? #ending=tool')
  await composer.press('Enter')
  await expect(
    page.getByText('The model asked to call a tool (get_weather). Roundtable offers no tools yet.'),
  ).toBeVisible()

  await composer.fill('nothing please #ending=empty')
  await composer.press('Enter')
  await expect(page.getByText('The model returned an empty answer.')).toBeVisible()
})

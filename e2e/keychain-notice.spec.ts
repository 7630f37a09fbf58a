// Where no keychain answers, keys are kept in memory, and the page says so once, plainly.
import { expect, test } from './support/app'

// A session bus that is not there: the web host finds no keychain, as on a machine without one.
test.use({ appEnv: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/roundtable-e2e-bus' } })

test('the keychain notice speaks plainly, keeps its details one click away, and stays dismissed', async ({
  page,
  app,
}) => {
  await page.goto(app.url)
  const notice = page.getByRole('status').filter({ hasText: 'cannot reach a keychain' })
  await expect(notice).toContainText('API keys you enter are kept only until it closes.')
  await expect(notice.getByText('Details')).toBeVisible()
  // The technical reason stays folded away until asked for.
  const details = notice.locator('details')
  await expect(details).toHaveJSProperty('open', false)
  await expect(details).toContainText('No keychain could be reached')
  await notice.getByText('Details').click()
  await expect(details).toHaveJSProperty('open', true)
  await notice.getByRole('button', { name: 'Dismiss' }).click()
  await expect(notice).toHaveCount(0)
  await page.reload()
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible()
  await expect(page.getByText('cannot reach a keychain')).toHaveCount(0)
})

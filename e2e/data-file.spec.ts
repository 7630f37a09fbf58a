// A damaged data file as a person meets it: the app opens, says part of the file is damaged, and
// Recover data brings back everything readable into a new file without losing the damaged one.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildFile, damageMessagePages } from '../test/support/damaged-file.ts'
import { AppProcess, expect, test } from './support/app'

test('a damaged data file is named, and Recover data brings back what can be read', async ({
  page,
  fake,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'roundtable-e2e-damaged-'))
  const path = join(dataDir, 'roundtable.db')
  buildFile(path, 8, 40)
  damageMessagePages(path, 2)
  const app = new AppProcess(dataDir, fake.baseURL)
  try {
    await page.goto(await app.start())
    await expect(page.getByText(/Part of the data file is damaged/)).toBeVisible()
    await page.screenshot({ path: test.info().outputPath('damaged-notice.png') })
    await page.getByRole('button', { name: 'Recover data' }).click()
    await expect(page.getByText(/Roundtable recovered 8 chats and \d+ messages/)).toBeVisible()
    await expect(page.getByText(/Part of the data file is damaged/)).toHaveCount(0)
    const chats = page.getByRole('navigation', { name: 'Chats' })
    await expect(chats.getByRole('button', { name: 'Chat 7', exact: true })).toBeVisible()
    await page.screenshot({ path: test.info().outputPath('recovered.png') })
    // The recovered file is a working one: a new message is saved and survives a restart.
    const composer = page.getByRole('textbox', { name: 'Message' })
    await composer.fill('after recovery')
    await composer.press('Enter')
    await expect(page.getByText('Echo: after recovery')).toBeVisible()
    await app.kill()
    await page.goto(await app.start())
    await expect(page.getByText('Echo: after recovery')).toBeVisible()
  } finally {
    await app.kill()
    rmSync(dataDir, { recursive: true, force: true })
  }
})

// A real full disk under a running app: its data folder on a small tmpfs that fills up mid-answer.
// Needs root to mount (as in CI); elsewhere it skips and says why.
import { closeSync, openSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { mountSmallDisk, smallDisksUnavailable } from '../test/support/tmpfs.ts'
import { AppProcess, expect, test } from './support/app'

const unavailable = smallDisksUnavailable()

/** Writes until the disk refuses; returns the filler's path. */
function fill(folder: string): string {
  const path = join(folder, 'filler')
  const fd = openSync(path, 'w')
  try {
    const block = Buffer.alloc(16 * 1024, 1)
    for (;;) writeSync(fd, block)
  } catch {
    // ENOSPC: full.
  } finally {
    closeSync(fd)
  }
  return path
}

test('the disk filling mid-answer: named, nothing claimed that is not on disk, saved once there is room', async ({
  page,
  fake,
}) => {
  test.skip(unavailable !== null, `skipped: ${unavailable}`)
  const disk = mountSmallDisk(8 * 1024)
  if ('unavailable' in disk) throw new Error(disk.unavailable)
  const app = new AppProcess(disk.path, fake.baseURL)
  try {
    await page.goto(await app.start())
    const composer = page.getByRole('textbox', { name: 'Message' })
    await composer.fill('A long one #words=20000 #delay=1')
    await composer.press('Enter')
    await expect(page.getByText('word300', { exact: false })).toBeVisible()
    const filler = fill(disk.path)
    const notice = page.getByText(/Roundtable stopped this answer because the disk is full/)
    await expect(notice).toBeVisible({ timeout: 15_000 })
    await expect(page.getByText(/characters shown are not saved yet/)).toBeVisible()
    await page.screenshot({ path: test.info().outputPath('disk-full.png') })

    rmSync(filler)
    await expect(page.getByText(/All the text shown here is saved/)).toBeVisible({ timeout: 15_000 })
    const shown = await page.locator('.message-assistant').last().locator('.markdown').textContent()
    await app.kill()
    await page.goto(await app.start())
    // After a restart the file holds exactly what the page showed.
    await expect
      .poll(() => page.locator('.message-assistant').last().locator('.markdown').textContent())
      .toBe(shown)
  } finally {
    await app.kill()
    disk.unmount()
  }
})

// Import chats and Export all chats from Settings, as a person does them: a ChatGPT export in, its
// chats in the sidebar with their branches, every chat out as one Roundtable file, and back in.
import type { Page } from '@playwright/test'
import { chatgptExport } from '../test/fixtures/chatgpt-export'
import { expect, test } from './support/app'

async function openImportExport(page: Page) {
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  return { settings, section: settings.getByRole('region', { name: 'Import and export' }) }
}

async function importFile(page: Page, name: string, text: string | Buffer) {
  const { settings, section } = await openImportExport(page)
  await section.getByLabel('Import chats').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: typeof text === 'string' ? Buffer.from(text) : text,
  })
  return { settings, section }
}

test('Import chats from a ChatGPT export: its chats appear with their branches, and a second import adds nothing', async ({
  page,
  app,
}) => {
  await page.goto(app.url)
  const { settings, section } = await importFile(page, 'conversations.json', chatgptExport())
  await expect(section.getByText('Imported 2 chats (9 messages) from the ChatGPT export.')).toBeVisible()
  await expect(section.getByText('1 image or file in messages not imported (their text is).')).toBeVisible()
  await expect(section.getByText(/2 messages left out: their replies form a loop/)).toBeVisible()
  await expect(section.getByText(/the message they answer is missing from the file/)).toBeVisible()

  // Again: recognised, nothing added.
  await section.getByLabel('Import chats').setInputFiles({
    name: 'conversations.json',
    mimeType: 'application/json',
    buffer: Buffer.from(chatgptExport()),
  })
  await expect(
    section.getByText(/Imported 0 chats .* 2 chats already there, not added again\./),
  ).toBeVisible()
  await settings.getByRole('button', { name: 'Close' }).click()

  const chats = page.getByRole('navigation', { name: 'Chats' })
  await expect(chats.getByText('What is 2 + 2?')).toBeVisible()
  await chats.getByText('分支 and branches').click()
  const log = page.getByRole('main')
  await expect(log.getByText('It printed 1.')).toBeVisible()
  await expect(log.getByText('First answer')).toBeVisible()
  // The regenerated answer is one click away.
  await page.getByRole('button', { name: 'Next answer' }).first().click()
  await expect(log.getByText('Second answer')).toBeVisible()
  await expect(log.getByText('First answer')).toBeHidden()
})

test('Export all chats saves a Roundtable file; importing it again adds nothing; a malformed file says why', async ({
  page,
  app,
}) => {
  await page.goto(app.url)
  const { section } = await importFile(page, 'conversations.json', chatgptExport())
  await expect(section.getByText(/Imported 2 chats/)).toBeVisible()

  const download = page.waitForEvent('download')
  await section.getByRole('button', { name: 'Export all chats' }).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/^roundtable-chats-.*\.json$/)
  const text = Buffer.concat(await (await file.createReadStream()).toArray())
  const document = JSON.parse(text.toString())
  expect(document.format).toBe('roundtable-chats')
  expect(document.chats.map((chat: { title: string }) => chat.title).sort()).toEqual([
    'What is 2 + 2?',
    '分支 and branches',
  ])

  await section
    .getByLabel('Import chats')
    .setInputFiles({ name: file.suggestedFilename(), mimeType: 'application/json', buffer: text })
  await expect(
    section.getByText(
      'Imported 0 chats (0 messages) from the Roundtable file. 2 chats already there, not added again.',
    ),
  ).toBeVisible()

  await section.getByLabel('Import chats').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('[{"title": "half a conversation", "mapping": '),
  })
  await expect(
    section.getByText(
      'The file was not imported: the file ends in the middle: it was cut short. Nothing was added.',
    ),
  ).toBeVisible()
})

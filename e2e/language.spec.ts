// Settings → Language, as a person uses it: switching to 简体中文 rewords every screen at once, without a
// reload, including an error already in the conversation (stored as a code, not as English); the
// choice survives a reload; switching back brings the English back. With ROUNDTABLE_SCREENSHOTS
// naming a folder, the Chinese screens (wide, 480 px, dark) are photographed too.
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './support/app'

const folder = process.env.ROUNDTABLE_SCREENSHOTS ?? ''
async function shot(page: Page, name: string) {
  if (folder) await page.screenshot({ path: join(folder, `language-${name}.png`) })
}

async function chooseLanguage(page: Page, label: RegExp, option: string) {
  await page
    .getByRole('button', { name: /^(Settings|设置)/ })
    .first()
    .click()
  await page.getByRole('combobox', { name: label }).selectOption(option)
}

test('Language switches every word at once, an old error too, and is remembered', async ({ page, app }) => {
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('who am I #fault=401')
  await composer.press('Enter')
  await expect(page.getByRole('alert')).toContainText('rejected the API key (401)')

  await chooseLanguage(page, /^Language$/, 'zh-CN')
  // At once: Settings itself, then the page behind it.
  await expect(page.getByRole('heading', { name: '设置', exact: true })).toBeVisible()
  await expect(page.getByRole('combobox', { name: /语言/ })).toHaveValue('zh-CN')
  await shot(page, 'settings')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('button', { name: '新对话' }).first()).toBeVisible()
  await expect(page.getByRole('textbox', { name: '消息' })).toBeVisible()
  // The error the answer was saved with reads in Chinese now.
  await expect(page.getByRole('alert')).toContainText('拒绝了 API 密钥（401）')
  await expect(page.getByText('失败', { exact: true })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await shot(page, 'chat')

  // Remembered: a reload comes back in Chinese, with no English first.
  await page.reload()
  await expect(page.getByRole('textbox', { name: '消息' })).toBeVisible()
  await expect(page.getByRole('alert')).toContainText('拒绝了 API 密钥（401）')

  // Narrow and dark, the Chinese still fits.
  await page.setViewportSize({ width: 480, height: 800 })
  await page.emulateMedia({ colorScheme: 'dark' })
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await shot(page, 'narrow-dark')
  await page.setViewportSize({ width: 1280, height: 800 })

  // And back: the label says Language in both languages, so it can always be found.
  await chooseLanguage(page, /Language/, 'en')
  await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('alert')).toContainText('rejected the API key (401)')
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible()
})

// Settings as a person uses it: opened from the sidebar, a custom provider added with a key.
import type { Page } from '@playwright/test'
import { E2E_KEY, expect } from './app'

/** Opens Settings and adds an OpenAI-compatible provider with the test key; returns the dialog. */
export async function addKeyedProvider(page: Page, name: string, baseURL: string) {
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByRole('button', { name: 'Add provider' }).click()
  await settings.getByLabel('Preset').selectOption({ label: 'Custom (OpenAI-compatible)' })
  await settings.getByLabel('Name', { exact: true }).fill(name)
  await settings.getByLabel('Base URL').fill(baseURL)
  await settings.getByLabel('API key').fill(E2E_KEY)
  await settings.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(settings.getByRole('button', { name: `Edit ${name}` })).toBeVisible()
  return settings
}

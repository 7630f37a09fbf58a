// What the side-by-side specs set up: more providers on the fake (its Anthropic side, and a second
// OpenAI-compatible one), models typed in by hand, and choosing models with Compare as a person does.
import type { Page } from '@playwright/test'
import { type AppProcess, E2E_KEY, expect } from './app'

export function addAnthropic(app: AppProcess, origin: string) {
  return app.call<{ id: string }>('addProvider', {
    preset: 'anthropic',
    name: 'Anthropic (fake)',
    baseURL: origin,
    headers: {},
    azure: null,
    apiKey: E2E_KEY,
  })
}

/** An OpenAI-compatible provider on the fake; it lists fake-small and fake-large once saved. */
export function addLocal(app: AppProcess, baseURL: string) {
  return app.call<{ id: string }>('addProvider', {
    preset: 'custom',
    name: 'Local (fake)',
    baseURL,
    headers: {},
    azure: null,
    apiKey: E2E_KEY,
  })
}

/** A model typed in by hand in Settings (one the fake may not have). */
export function saveModel(
  app: AppProcess,
  providerId: string,
  id: string,
  extras: { displayName?: string; contextWindow?: number; inputPrice?: number; outputPrice?: number } = {},
) {
  return app.call('saveModel', {
    providerId,
    model: {
      id,
      displayName: extras.displayName ?? null,
      contextWindow: extras.contextWindow ?? null,
      maxOutputTokens: null,
      inputPrice: extras.inputPrice ?? null,
      outputPrice: extras.outputPrice ?? null,
      vision: false,
      reasoning: false,
    },
  })
}

/** Compare, then Add model for each name (as the chooser shows it). */
export async function chooseModels(page: Page, models: string[]) {
  await page.getByRole('button', { name: 'Compare', exact: true }).click()
  const picker = page.getByLabel('Model to add')
  for (const model of models) {
    // Models a provider lists arrive a moment after it was added.
    const option = picker.locator('option', { hasText: model }).first()
    await expect(option).toBeAttached()
    await picker.selectOption({ label: (await option.textContent()) ?? model })
    await page.getByRole('button', { name: 'Add model' }).click()
  }
}

/** One column of the open side-by-side turn, by the name in its header. */
export const column = (page: Page, name: string | RegExp) =>
  page.getByRole('region', { name: 'Answers side by side' }).getByRole('region', { name })

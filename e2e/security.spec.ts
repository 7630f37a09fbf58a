// Tried as an attacker with one link in a model's answer would: the web host's token must never reach
// another server on this machine, by cookie, header, address or referrer.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from './support/app'
import { watchCsp } from './support/csp'

interface Seen {
  url: string
  headers: IncomingMessage['headers']
}

async function startBystander(): Promise<{ server: Server; port: number; seen: Seen[] }> {
  const seen: Seen[] = []
  const server = createServer((request, response) => {
    seen.push({ url: request.url ?? '', headers: request.headers })
    response.writeHead(200, { 'Content-Type': 'text/html' })
    response.end('<!doctype html><title>Another local server</title><p>listening</p>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, port: (server.address() as AddressInfo).port, seen }
}

test('a clicked link to another local port receives no token in any header, cookie or address', async ({
  page,
  context,
  app,
}) => {
  const token = new URL(app.url).searchParams.get('token') ?? ''
  expect(token.length).toBeGreaterThan(10)
  const bystander = await startBystander()
  try {
    await page.goto(app.url)
    // The token leaves the address bar at once.
    await expect.poll(() => page.url()).not.toContain(token)

    const composer = page.getByRole('textbox', { name: 'Message' })
    await composer.fill(`Read [the docs](http://127.0.0.1:${bystander.port}/docs?from=answer) first`)
    await composer.press('Enter')
    const link = page.getByRole('link', { name: 'the docs' })
    await expect(link).toBeVisible()
    const opened = context.waitForEvent('page')
    await link.click()
    const popup = await opened
    await expect(popup.getByText('listening')).toBeVisible()

    // The worst case too: the same browser going straight to that server.
    const direct = await context.newPage()
    await direct.goto(`http://127.0.0.1:${bystander.port}/direct`)
    await expect(direct.getByText('listening')).toBeVisible()

    expect(bystander.seen.length).toBeGreaterThanOrEqual(2)
    for (const request of bystander.seen) {
      const everything = `${request.url}\n${JSON.stringify(request.headers)}`
      expect(everything).not.toContain(token)
      expect(request.headers.cookie ?? '').not.toContain('roundtable')
    }
    // And the app still works in its own tab after all that.
    await composer.fill('still here')
    await composer.press('Enter')
    await expect(page.getByText('Echo: still here')).toBeVisible()
  } finally {
    await new Promise((resolve) => bystander.server.close(resolve))
  }
})

test('the strict CSP reports nothing on a normal load', async ({ page, app }) => {
  const violations = await watchCsp(page)
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  // Highlighted code and math too: their colours and fonts must come without inline styles the CSP forbids.
  await composer.fill('**bold** and `code`\n\n```ts\nconst a = 1\n```\n\n$$x^2$$')
  await composer.press('Enter')
  await expect(page.getByText('bold', { exact: true })).toBeVisible()
  await expect(page.locator('.katex').first()).toBeVisible()
  await expect(page.locator('[data-streamdown="code-block-body"] code span span').first()).toBeVisible()
  await page.reload()
  await expect(page.getByText('bold', { exact: true })).toBeVisible()
  expect(await violations()).toEqual([])
})

test('a tab without the token explains how to get in instead of showing raw JSON', async ({ page, app }) => {
  await page.goto(new URL('/', app.url).href)
  await expect(page.getByRole('heading', { name: 'Open the address Roundtable printed' })).toBeVisible()
  await expect(page.getByText('"error"')).toHaveCount(0)
})

test('a tab left open across a restart of the web host says the address changed', async ({ page, app }) => {
  await page.goto(app.url)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('before the restart')
  await composer.press('Enter')
  await expect(page.getByText('Echo: before the restart')).toBeVisible()
  const before = new URL(app.url).searchParams.get('token')
  await app.kill()
  // A new start on the same port has a new token; the old tab's token is refused.
  const next = await app.start(Number(new URL(app.url).port))
  expect(new URL(next).searchParams.get('token')).not.toBe(before)
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Open the address Roundtable printed' })).toBeVisible()
  await page.goto(next)
  await expect(page.getByText('Echo: before the restart')).toBeVisible()
})

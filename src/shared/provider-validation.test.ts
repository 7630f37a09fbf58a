import { describe, expect, it } from 'vitest'
import { checkHeader } from './provider-validation'

describe('checkHeader', () => {
  it.each([
    'Authorization',
    'x-api-key',
    'Helicone-Auth',
    'cf-aig-authorization',
    'X-Auth-Token',
    'X-Access-Token',
    'X-Client-Secret',
    'X-Session',
  ])('refuses %s, which would carry a credential unencrypted', (name) => {
    expect(checkHeader(name, 'value')).toMatchObject({ code: 'headerSecret', params: { name } })
  })

  it.each(['X-Organization', 'OpenAI-Project', 'HTTP-Referer', 'X-Title'])('keeps %s', (name) => {
    expect(checkHeader(name, 'value')).toBeNull()
  })
})

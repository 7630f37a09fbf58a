import { describe, expect, it } from 'vitest'
import { titleFrom } from './titles'

describe('titleFrom', () => {
  it('drops bidi controls, so a first message cannot name its chat deceptively', () => {
    expect(titleFrom('report\u202Etxt.exe\nand more')).toBe('reporttxt.exe')
  })
})

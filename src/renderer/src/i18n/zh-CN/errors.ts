import type { Catalog } from '../catalog'
import type { errors as en } from '../en/errors'

export const errors: Catalog<typeof en> = {
  unexpected: '出了点问题：{{detail}}',
  tryAgain: '出了点问题，请重试。',
}

import type { Catalog } from '../catalog'
import type { chat as en } from '../en/chat'

export const chat: Catalog<typeof en> = {}

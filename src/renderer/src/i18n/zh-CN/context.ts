import type { Catalog } from '../catalog'
import type { context as en } from '../en/context'

export const context: Catalog<typeof en> = {}

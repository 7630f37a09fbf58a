import type { Catalog } from '../catalog'
import type { compare as en } from '../en/compare'

export const compare: Catalog<typeof en> = {}

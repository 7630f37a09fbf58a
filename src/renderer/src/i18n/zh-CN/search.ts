import type { Catalog } from '../catalog'
import type { search as en } from '../en/search'

export const search: Catalog<typeof en> = {}

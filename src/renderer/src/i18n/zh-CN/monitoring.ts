import type { Catalog } from '../catalog'
import type { monitoring as en } from '../en/monitoring'

export const monitoring: Catalog<typeof en> = {}

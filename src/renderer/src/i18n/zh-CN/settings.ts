import type { Catalog } from '../catalog'
import type { settings as en } from '../en/settings'

export const settings: Catalog<typeof en> = {
  language: {
    title: '语言',
    // The English word too: someone who cannot read the page still finds the way back.
    label: '语言 (Language)',
    system: '跟随系统',
    hint: '所有界面、错误和提示会立即切换，菜单也会随之切换。',
  },
}

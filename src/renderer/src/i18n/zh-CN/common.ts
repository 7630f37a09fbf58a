import type { Catalog } from '../catalog'
import type { common as en } from '../en/common'

export const common: Catalog<typeof en> = {
  appName: 'Roundtable',
  save: '保存',
  saving: '正在保存…',
  cancel: '取消',
  close: '关闭',
  delete: '删除',
  remove: '移除',
  edit: '编辑',
  copy: '复制',
  copied: '已复制',
  retry: '重试',
  undo: '撤销',
  loading: '正在加载…',
  none: '无',
  on: '开',
  off: '关',
  yes: '是',
  no: '否',
  dismiss: '知道了',
  details: '详情',
  language: '语言',
}

import type { Catalog } from '../catalog'
import type { search as en } from '../en/search'

export const search: Catalog<typeof en> = {
  find: {
    label: '在对话中查找',
    placeholder: '在此对话中查找',
    noMatches: '无匹配项',
    position: '第{{at}}条，共{{total}}条',
    elsewhere: '（其他分支上还有{{value}}条）',
    previous: '上一个匹配项',
    next: '下一个匹配项',
    close: '关闭查找',
  },
  dialog: {
    title: '搜索',
    label: '搜索对话',
    placeholder: '搜索所有对话',
    filters: '筛选条件：',
    nothing: '没有找到结果。',
    results: '搜索结果',
    chatTitle: '对话标题',
    you: '你',
    assistant: '助手',
  },
}

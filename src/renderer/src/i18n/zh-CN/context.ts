import type { Catalog } from '../catalog'
import type { context as en } from '../en/context'

export const context: Catalog<typeof en> = {
  meter: {
    label: '发送前的上下文',
    tooLong: '超出 {{model}} 的上下文窗口',
    tokensNoWindow: '{{used}} 个 token（未设置上下文窗口）',
    tokensOf: '{{used}} / {{window}} 个 token',
    toSummarize: '{{messages}}将被总结',
    summarized: '较早的消息已总结为摘要',
    leftOut: '{{messages}}未发送',
    earlier_one: '较早的{{value}}条消息',
    earlier_other: '较早的{{value}}条消息',
    about: '{{model}}：约 {{tokens}} 个输入 token',
    estimated: '（用相近的分词器估算，并按服务商报告的数字校正）',
    windowUnknown: '上下文窗口未知：请在“设置 → 服务商 → 模型”中设置。',
    window: '上下文窗口 {{window}} 个 token，其中 {{room}} 个留给回答。',
    summarize: '总结较早的消息：放不下的部分会总结为摘要。',
    sliding: '滑动窗口：发送放得下的最近几轮对话。',
    costNote: '费用为输入部分按模型价格计算的金额，回答另计。',
  },
  divider: {
    summarized: '较早的消息已总结为摘要',
    whenSent: '发送时将总结较早的消息',
    leftOut: '较早的消息不在 {{model}} 的上下文中',
    read: '查看摘要',
    title: '较早消息的摘要',
    covers: '涵盖{{value}}条消息',
    olderLeftOut: '；更早的{{value}}条未包含在内',
    writtenBy: '，由 {{model}} 撰写',
    end: '。',
  },
}

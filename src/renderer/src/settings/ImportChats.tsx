import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CHAT_FILE_PIECE_BYTES, MAX_CHAT_FILE_BYTES } from '../../../shared/limits'
import type { ChatImportProgress, ChatImportReport } from '../../../shared/types'
import { api } from '../api'
import { wordingText } from '../i18n/error-text'
import { type Formatter, useFormat } from '../i18n/format'
import { useChatStore } from '../store'
import type { SettingsT } from './format'
import { JsonFilePicker } from './JsonFilePicker'
import { Message } from './Message'
import { useTask } from './useTask'

/** Bytes as base64, a slice at a time (a whole piece at once overflows the argument list). */
function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let at = 0; at < bytes.length; at += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000))
  return btoa(binary)
}

type Counted = 'chats' | 'messages' | 'files'
const counted = (t: SettingsT, format: Formatter, what: Counted, count: number) =>
  t(`importExport.${what}`, { count, n: format.number(count) })

/** What the bar says, worded when shown (the language may change during a long import). */
type Step =
  | { kind: 'sending'; file: string }
  | { kind: 'reading-file' }
  | { kind: 'reading' | 'saving'; chats: number; messages: number }

interface Shown {
  step: Step
  done: number
  total: number
}

function stepLabel(step: Step, t: SettingsT, format: Formatter): string {
  switch (step.kind) {
    case 'sending':
      return t('importExport.sending', { file: step.file })
    case 'reading-file':
      return t('importExport.readingFile')
    case 'reading':
    case 'saving': {
      const counts = t('importExport.counts', {
        chats: counted(t, format, 'chats', step.chats),
        messages: counted(t, format, 'messages', step.messages),
      })
      return step.kind === 'reading'
        ? t('importExport.reading', { counts })
        : t('importExport.saving', { counts })
    }
  }
}

/**
 * Import chats: a ChatGPT data export (conversations.json) or a Roundtable file. The file is sent in
 * pieces, then read and added all at once; the bar shows sending, then reading with counts.
 */
export function ImportChats() {
  const { t } = useTranslation('settings')
  const format = useFormat()
  const importing = useTask()
  const [progress, setProgress] = useState<Shown | null>(null)
  const [report, setReport] = useState<ChatImportReport | null>(null)
  const [refused, setRefused] = useState<string | null>(null)
  const current = useRef<string | null>(null)

  useEffect(
    () =>
      api.on('chatImportProgress', (event: ChatImportProgress) => {
        if (event.importId !== current.current) return
        const { chats, messages } = event
        if (event.phase === 'reading')
          setProgress({
            step: { kind: 'reading', chats, messages },
            done: event.bytesRead,
            total: event.totalBytes,
          })
        else setProgress({ step: { kind: 'saving', chats, messages }, done: 1, total: 1 })
      }),
    [],
  )

  const importFile = async (file: File) => {
    setReport(null)
    setRefused(null)
    if (file.size > MAX_CHAT_FILE_BYTES) {
      setRefused(file.name)
      return
    }
    const result = await importing.run(async () => {
      const { importId } = await api.importChatsBegin({ size: file.size })
      current.current = importId
      try {
        for (let offset = 0; offset < file.size; offset += CHAT_FILE_PIECE_BYTES) {
          setProgress({ step: { kind: 'sending', file: file.name }, done: offset, total: file.size })
          const bytes = new Uint8Array(await file.slice(offset, offset + CHAT_FILE_PIECE_BYTES).arrayBuffer())
          await api.importChatsPiece({ importId, offset, base64: toBase64(bytes) })
        }
        setProgress({ step: { kind: 'reading-file' }, done: 0, total: file.size })
        return await api.importChatsFinish({ importId })
      } catch (error) {
        await api.importChatsCancel({ importId }).catch(() => undefined)
        throw error
      } finally {
        current.current = null
        setProgress(null)
      }
    })
    if (!result.ok) return
    setReport(result.value)
    await useChatStore.getState().reloadChats()
  }

  return (
    <div className="settings-transfer-part">
      <JsonFilePicker
        label={t('importExport.importChats')}
        hint={t('importExport.importChatsHint')}
        disabled={importing.busy}
        onFile={(file) => void importFile(file)}
      />
      {progress ? (
        <div role="status" className="settings-hint">
          <progress
            aria-label={t('importExport.progress')}
            max={progress.total || 1}
            value={progress.done}
            style={{ width: '100%' }}
          />
          <span>{stepLabel(progress.step, t, format)}</span>
        </div>
      ) : null}
      {refused ? (
        <Message kind="error">
          {t('importExport.chatsTooLarge', { file: refused, size: MAX_CHAT_FILE_BYTES / 1024 ** 3 })}
        </Message>
      ) : null}
      {importing.error ? <Message kind="error">{importing.error}</Message> : null}
      {report ? <ImportReport report={report} /> : null}
    </div>
  )
}

function ImportReport({ report }: { report: ChatImportReport }) {
  const { t, i18n } = useTranslation('settings')
  const format = useFormat()
  const imported = {
    chats: counted(t, format, 'chats', report.chats),
    messages: counted(t, format, 'messages', report.messages),
  }
  const warn = report.problems.length > 0 || report.leftOut > 0
  return (
    <Message kind={warn ? 'warning' : 'success'}>
      <p>
        {report.kind === 'chatgpt'
          ? t('importExport.fromChatGPT', imported)
          : t('importExport.fromRoundtable', imported)}
        {report.alreadyThere > 0
          ? t('importExport.alreadyThere', { chats: counted(t, format, 'chats', report.alreadyThere) })
          : ''}
      </p>
      {report.nonTextParts > 0 ? (
        <p>{t('importExport.nonText', { files: counted(t, format, 'files', report.nonTextParts) })}</p>
      ) : null}
      {report.problems.length > 0 ? (
        <ul>
          {report.problems.slice(0, 20).map((problem) => {
            const words = wordingText(problem, i18n.language)
            return <li key={words}>{words}</li>
          })}
          {report.problems.length > 20 ? (
            <li>{t('importExport.andMore', { n: report.problems.length - 20 })}</li>
          ) : null}
        </ul>
      ) : null}
    </Message>
  )
}

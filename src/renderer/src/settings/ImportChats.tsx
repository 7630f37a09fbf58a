import { useEffect, useRef, useState } from 'react'
import { CHAT_FILE_PIECE_BYTES, MAX_CHAT_FILE_BYTES } from '../../../shared/limits'
import type { ChatImportProgress, ChatImportReport } from '../../../shared/types'
import { api } from '../api'
import { useChatStore } from '../store'
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

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`

interface Shown {
  label: string
  done: number
  total: number
}

/**
 * Import chats: a ChatGPT data export (conversations.json) or a Roundtable file. The file is sent in
 * pieces, then read and added all at once; the bar shows sending, then reading with counts.
 */
export function ImportChats() {
  const importing = useTask()
  const [progress, setProgress] = useState<Shown | null>(null)
  const [report, setReport] = useState<ChatImportReport | null>(null)
  const [refused, setRefused] = useState<string | null>(null)
  const current = useRef<string | null>(null)

  useEffect(
    () =>
      api.on('chatImportProgress', (event: ChatImportProgress) => {
        if (event.importId !== current.current) return
        const counts = `${plural(event.chats, 'chat')}, ${plural(event.messages, 'message')}`
        if (event.phase === 'reading')
          setProgress({ label: `Reading: ${counts}`, done: event.bytesRead, total: event.totalBytes })
        else setProgress({ label: `Saving ${counts}`, done: 1, total: 1 })
      }),
    [],
  )

  const importFile = async (file: File) => {
    setReport(null)
    setRefused(null)
    if (file.size > MAX_CHAT_FILE_BYTES) {
      setRefused(
        `${file.name} is larger than ${MAX_CHAT_FILE_BYTES / 1024 ** 3} GB: Import chats takes files up to that size. Nothing was imported.`,
      )
      return
    }
    const result = await importing.run(async () => {
      const { importId } = await api.importChatsBegin({ size: file.size })
      current.current = importId
      try {
        for (let offset = 0; offset < file.size; offset += CHAT_FILE_PIECE_BYTES) {
          setProgress({ label: `Sending ${file.name}`, done: offset, total: file.size })
          const bytes = new Uint8Array(await file.slice(offset, offset + CHAT_FILE_PIECE_BYTES).arrayBuffer())
          await api.importChatsPiece({ importId, offset, base64: toBase64(bytes) })
        }
        setProgress({ label: 'Reading', done: 0, total: file.size })
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
        label="Import chats"
        hint="A ChatGPT export (conversations.json from its data export) or a Roundtable file, up to 1 GB. Chats imported before are not added again."
        disabled={importing.busy}
        onFile={(file) => void importFile(file)}
      />
      {progress ? (
        <div role="status" className="settings-hint">
          <progress
            aria-label="Import progress"
            max={progress.total || 1}
            value={progress.done}
            style={{ width: '100%' }}
          />
          <span>{progress.label}</span>
        </div>
      ) : null}
      {refused ? <Message kind="error">{refused}</Message> : null}
      {importing.error ? <Message kind="error">{importing.error}</Message> : null}
      {report ? <ImportReport report={report} /> : null}
    </div>
  )
}

function ImportReport({ report }: { report: ChatImportReport }) {
  const source = report.kind === 'chatgpt' ? 'ChatGPT export' : 'Roundtable file'
  const warn = report.problems.length > 0 || report.leftOut > 0
  return (
    <Message kind={warn ? 'warning' : 'success'}>
      <p>
        Imported {plural(report.chats, 'chat')} ({plural(report.messages, 'message')}) from the {source}.
        {report.alreadyThere > 0
          ? ` ${plural(report.alreadyThere, 'chat')} already there, not added again.`
          : ''}
      </p>
      {report.nonTextParts > 0 ? (
        <p>{plural(report.nonTextParts, 'image or file')} in messages not imported (their text is).</p>
      ) : null}
      {report.problems.length > 0 ? (
        <ul>
          {report.problems.slice(0, 20).map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
          {report.problems.length > 20 ? <li>and {report.problems.length - 20} more</li> : null}
        </ul>
      ) : null}
    </Message>
  )
}

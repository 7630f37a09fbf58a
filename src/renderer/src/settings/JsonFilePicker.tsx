import { type ReactNode, useId } from 'react'

/** Choose a JSON file to import: a labelled file input with its hint underneath. */
export function JsonFilePicker({
  label,
  hint,
  disabled,
  onFile,
}: {
  label: string
  hint: ReactNode
  disabled: boolean
  onFile: (file: File) => void
}) {
  const inputId = useId()
  const hintId = `${inputId}-hint`
  return (
    <div className="settings-field">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        type="file"
        accept=".json,application/json"
        aria-describedby={hintId}
        disabled={disabled}
        onChange={(event) => {
          const file = event.target.files?.[0]
          // Cleared so that choosing the same file again (after fixing it) imports it again.
          event.target.value = ''
          if (file) onFile(file)
        }}
      />
      <p id={hintId} className="settings-hint">
        {hint}
      </p>
    </div>
  )
}

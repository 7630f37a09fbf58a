import { ExportProviders } from './ExportProviders'
import { ImportProviders } from './ImportProviders'
import { Section } from './Section'

/** Provider settings to and from a file, to move them to another computer. Keys never travel. */
export function ImportExportSection() {
  return (
    <Section title="Import and export">
      <div className="settings-transfer">
        <ExportProviders />
        <ImportProviders />
      </div>
    </Section>
  )
}

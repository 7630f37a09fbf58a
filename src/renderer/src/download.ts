/** Hands the browser a file to save, through a link that exists only for the click. */
export function offerDownload(text: string, fileName: string, mimeType = 'application/json'): void {
  offerBlob(new Blob([text], { type: mimeType }), fileName)
}

/** The same for a binary file that arrived as base64 (call replies are JSON). */
export function offerBase64Download(base64: string, fileName: string, mimeType = 'application/zip'): void {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index)
  offerBlob(new Blob([bytes], { type: mimeType }), fileName)
}

function offerBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.hidden = true
  document.body.append(link)
  try {
    link.click()
  } finally {
    link.remove()
    // The download has its own reference by now; give it a moment all the same.
    setTimeout(() => URL.revokeObjectURL(url), 1_000)
  }
}

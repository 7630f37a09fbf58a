/** Hands the browser a file to save, through a link that exists only for the click. */
export function offerDownload(text: string, fileName: string, mimeType = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }))
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

import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './i18n/i18n'
import { App } from './App'
import { applyAppearance, loadAppearance } from './prefs/appearance'
import './styles.css'

// Before the first paint: a dark theme never flashes light.
applyAppearance(loadAppearance())

const root = document.getElementById('root')
if (!root) throw new Error('index.html lost its #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)

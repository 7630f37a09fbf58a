import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { loadMarkdown } from './components/markdown-module'
import { applyAppearance, loadAppearance } from './prefs/appearance'
import './styles.css'

// First of all: the formatter downloads and compiles while the app renders and asks for its data.
void loadMarkdown()

// Before the first paint: a dark theme never flashes light.
applyAppearance(loadAppearance())

const root = document.getElementById('root')
if (!root) throw new Error('index.html lost its #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)

/// <reference types="vite/client" />
import type { RoundtableBridge } from '../../shared/bridge'

declare global {
  interface Window {
    /** Present in the desktop app (the preload); absent in a browser, where the web transport is used. */
    roundtable?: RoundtableBridge
  }
}

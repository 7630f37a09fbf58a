// Where Roundtable keeps its data when no directory is given: the same folder Electron's
// app.getPath('userData') uses for an app named Roundtable, so the desktop app and the web host share it.
import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_NAME = 'Roundtable'

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME)
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_NAME)
}

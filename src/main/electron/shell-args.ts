import { resolve } from 'node:path'
import { parseArgs } from 'node:util'

/** The desktop app's command line. */
export interface ShellArgs {
  /** `--data <folder>`, made absolute against the working folder; absent means `app.getPath('userData')`. */
  dataDir?: string
  /** `--windowed`: an ordinary window instead of the fullscreen kiosk (set-up on a desk). */
  windowed: boolean
  /** `--kiosk-id <id>`: name of this screen in attendance records. */
  kioskId?: string
  /**
   * `--start-at-login` (true) or `--no-start-at-login` (false): register or remove the OS login
   * item; the last of the two on the line wins. Absent: the login item is left as it is.
   */
  startAtLogin?: boolean
}

/**
 * Parses the app's arguments (`process.argv` without the executable, and without the app
 * folder in development). Unknown switches are ignored, because Chromium and the OS add their
 * own (`--no-sandbox`, `-psn_...` on macOS).
 * @param argv the arguments
 * @param cwd folder a relative `--data` is resolved against
 */
export function parseShellArgs(argv: readonly string[], cwd: string): ShellArgs {
  const { values, tokens } = parseArgs({
    args: [...argv],
    options: {
      data: { type: 'string' },
      windowed: { type: 'boolean', default: false },
      'kiosk-id': { type: 'string' },
      'start-at-login': { type: 'boolean' },
      'no-start-at-login': { type: 'boolean' }
    },
    strict: false,
    allowPositionals: true,
    tokens: true
  })
  let startAtLogin: boolean | undefined
  for (const token of tokens) {
    if (token.kind !== 'option') continue
    if (token.name === 'start-at-login') startAtLogin = true
    else if (token.name === 'no-start-at-login') startAtLogin = false
  }
  const args: ShellArgs = { windowed: values.windowed === true }
  if (typeof values.data === 'string' && values.data !== '') args.dataDir = resolve(cwd, values.data)
  if (typeof values['kiosk-id'] === 'string' && values['kiosk-id'] !== '') args.kioskId = values['kiosk-id']
  if (startAtLogin !== undefined) args.startAtLogin = startAtLogin
  return args
}

/**
 * Which permissions the window gets: the camera, for the app's own origin, and nothing else
 * (no microphone, screen capture, notifications, geolocation, HID/USB/serial...). Pure, so the
 * decisions are unit-tested; setup-security.ts installs them on the session.
 */

/** A permission request as `session.setPermissionRequestHandler` reports it. */
export interface PermissionRequestFacts {
  /** Electron's permission name, for example `media` or `notifications`. */
  permission: string
  /** URL of the requesting frame (`details.requestingUrl`). */
  requestingUrl: string
  /** Origin of the requesting frame, given for media requests (`details.securityOrigin`). */
  securityOrigin?: string | undefined
  /** For `media`: the devices asked for (`video` is the camera, `audio` the microphone). */
  mediaTypes?: readonly string[] | undefined
}

/** A permission check as `session.setPermissionCheckHandler` reports it. */
export interface PermissionCheckFacts {
  /** Electron's permission name. */
  permission: string
  /** The `requestingOrigin` argument. */
  requestingOrigin: string
  /** Origin of the requesting frame, given for media checks (`details.securityOrigin`). */
  securityOrigin?: string | undefined
  /** URL of the requesting frame, when the check is made for a document. */
  requestingUrl?: string | undefined
  /** For `media`: `video`, `audio` or `unknown`. */
  mediaType?: string | undefined
}

/** Every origin or URL given must be the app's own; an absent one is skipped, none at all fails. */
function allFromApp(candidates: readonly (string | undefined)[], isAppUrl: (url: string) => boolean): boolean {
  const given = candidates.filter((c): c is string => c !== undefined && c !== '')
  return given.length > 0 && given.every(isAppUrl)
}

/**
 * Whether to grant a permission request: only `media` asking for video alone (the camera,
 * never the microphone, and not an empty device list), from a frame whose URL and origin are
 * both the app's (`isAppUrl`, see app-origin.ts).
 */
export function allowPermissionRequest(facts: PermissionRequestFacts, isAppUrl: (url: string) => boolean): boolean {
  if (facts.permission !== 'media') return false
  const media = facts.mediaTypes ?? []
  if (media.length === 0 || !media.every((type) => type === 'video')) return false
  return allFromApp([facts.requestingUrl, facts.securityOrigin], isAppUrl)
}

/**
 * Whether a permission check passes: only `media` for `video` from the app's origin (the
 * requesting origin and, where given, the frame's origin and URL). Checks for the microphone
 * or an unknown device type fail, as does everything that is not `media`.
 */
export function allowPermissionCheck(facts: PermissionCheckFacts, isAppUrl: (url: string) => boolean): boolean {
  if (facts.permission !== 'media' || facts.mediaType !== 'video') return false
  return isAppUrl(facts.requestingOrigin) && allFromApp([facts.requestingOrigin, facts.securityOrigin, facts.requestingUrl], isAppUrl)
}

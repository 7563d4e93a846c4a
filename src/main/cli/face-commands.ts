import { CONSENT_TEXT_VERSION } from '../../shared/consent-text'
import type { Box } from '../../shared/models'
import { ClockfaceError } from '../../shared/errors'
import { readImageFile, unwrap, type CliContext } from './cli-context'

/** One face in the JSON output of `identify`. */
export interface IdentifyJsonEntry {
  /** Employee code, null when the face is not recognised. */
  code: string | null
  /** Employee name, null when the face is not recognised. */
  name: string | null
  /** Euclidean distance to the nearest template (of the match, or of anyone); null: empty gallery. */
  distance: number | null
  /** The threshold in force (Euclidean distance). */
  threshold: number
  /** The face in the pixels of the photo. */
  box: Box
}

const fmt = (d: number | null): string => (d === null ? 'n/a' : d.toFixed(3))

/**
 * `identify <image>`: 1:N identification of every face; prints lines or, with `json`,
 * IdentifyJsonEntry[]. Raises `unreadable-image` (file or image), `engine-unavailable`, `store-error`.
 */
export async function identifyCommand(ctx: CliContext, image: string, json: boolean, print: (line: string) => void): Promise<void> {
  const faces = unwrap(await ctx.call('identifyFaces', { image: await readImageFile(image) }))
  const threshold = ctx.core.config.threshold
  const entries: IdentifyJsonEntry[] = faces.map((f) => ({
    code: f.match?.code ?? null,
    name: f.match?.name ?? null,
    distance: f.match?.distance ?? f.nearestDistance,
    threshold,
    box: f.box
  }))
  if (json) {
    print(JSON.stringify(entries, null, 2))
    return
  }
  if (entries.length === 0) print('No face found.')
  entries.forEach((e, i) => {
    const where = `face ${i + 1} at ${Math.round(e.box.x)},${Math.round(e.box.y)} (${Math.round(e.box.width)}×${Math.round(e.box.height)} px)`
    print(
      e.code
        ? `${where}: ${e.code} ${e.name} (distance ${fmt(e.distance)} < threshold ${threshold})`
        : `${where}: not recognised (nearest distance ${fmt(e.distance)}, threshold ${threshold})`
    )
  })
}

/**
 * `verify --code C <image>`: 1:1 verification; prints a line or, with `json`, the Verification.
 * Raises those of verifyFace: `not-found`, `no-face`, `multiple-faces`, `unreadable-image`,
 * `engine-unavailable`, `store-error`.
 */
export async function verifyCommand(ctx: CliContext, code: string, image: string, json: boolean, print: (line: string) => void): Promise<void> {
  const v = unwrap(await ctx.call('verifyFace', { code, image: await readImageFile(image) }))
  if (json) {
    print(JSON.stringify(v, null, 2))
    return
  }
  print(
    `${v.verified ? 'verified' : 'not verified'}: ${code}, distance ${fmt(v.distance)} ` +
      `${v.verified ? '<' : '≥'} threshold ${v.threshold} (${v.metric}, ${v.model}, ${v.detector})`
  )
}

/**
 * The consent field of the enrolment requests of `enrol` and `import`: `--consent` means the
 * operator confirms the employee agreed to the current consent text (`clockface consent-text`
 * prints it). Raises `invalid-input` without the flag, before anything is read or stored.
 */
export function cliConsent(consent: boolean | undefined): { textVersion: string } {
  if (consent !== true) {
    throw new ClockfaceError(
      'invalid-input',
      `Enrolling a face needs the employee's consent: show them the consent text (print it with \`clockface consent-text\`, version ${CONSENT_TEXT_VERSION}) and, once they agree, run the command again with --consent.`
    )
  }
  return { textVersion: CONSENT_TEXT_VERSION }
}

/**
 * `enrol --code C [--name N] [--department D] --consent <image>`: creates the employee with this
 * photo when the code is new (then --name is required), else adds the photo as another template.
 * Raises `invalid-input` without --consent (see {@link cliConsent}) or for a new code without
 * --name, and those of createEmployee/enrolFace (`duplicate-code`, `no-face`, `multiple-faces`,
 * `unreadable-image`, `engine-unavailable`, `store-error`).
 */
export async function enrolCommand(
  ctx: CliContext,
  options: { code: string; name?: string; department?: string; consent?: boolean },
  image: string,
  print: (line: string) => void
): Promise<void> {
  const consent = cliConsent(options.consent)
  const photo = await readImageFile(image)
  const existing = await ctx.call('getEmployee', { code: options.code })
  if (existing.ok) {
    const template = unwrap(await ctx.call('enrolFace', { code: options.code, image: photo, source: 'file', consent }))
    print(`Enrolled another face for ${existing.value.code} (${existing.value.name}); template ${template.id}.`)
    return
  }
  if (existing.error.code !== 'not-found') unwrap(existing)
  if (!options.name) throw new ClockfaceError('invalid-input', `No employee has the code ${options.code}; give --name to create one.`)
  const created = unwrap(
    await ctx.call('createEmployee', {
      code: options.code,
      name: options.name,
      department: options.department ?? '',
      photo,
      source: 'file',
      consent
    })
  )
  print(`Created ${created.employee.code} (${created.employee.name}) with one face template${created.template ? ` ${created.template.id}` : ''}.`)
}

/** `list`: employees as a table or, with `json`, Employee[]. Raises `store-error`. */
export async function listCommand(ctx: CliContext, json: boolean, print: (line: string) => void): Promise<void> {
  const employees = unwrap(await ctx.call('listEmployees', {}))
  if (json) {
    print(JSON.stringify(employees, null, 2))
    return
  }
  if (employees.length === 0) {
    print('No employees.')
    return
  }
  const rows = [['CODE', 'NAME', 'DEPARTMENT', 'TEMPLATES'], ...employees.map((e) => [e.code, e.name, e.department, String(e.templateCount)])]
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
  for (const row of rows) print(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd())
}

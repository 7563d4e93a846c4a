import { spawn } from 'node:child_process'
import { randomBytes, randomInt } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { STORE_FILES } from '../../src/main/store/open-store'
import { cleanUp, open, tempDir } from '../helpers/store-fixtures'

afterEach(cleanUp)

const CHILD = join(__dirname, '..', 'helpers', 'store-crash-child.cjs')

/**
 * Runs the writer child on `dir` and kills it with SIGKILL right after its `killAfter`-th
 * acknowledgement (when the next write is under way). Resolves to the acknowledged ids.
 */
function runAndKill(dir: string, key: Buffer, killAfter: number): Promise<{ templates: string[]; punches: string[]; finished: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dir, key.toString('hex'), '200'], { stdio: ['ignore', 'pipe', 'pipe'] })
    const acked = { templates: [] as string[], punches: [] as string[], finished: false }
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [kind, id] = line.split(' ')
      if (kind === 'template') acked.templates.push(id!)
      else if (kind === 'punch') acked.punches.push(id!)
      else if (kind === 'done') acked.finished = true
      if (acked.templates.length + acked.punches.length === killAfter) child.kill('SIGKILL')
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`writer failed (${code}): ${stderr}`))
      else resolve(acked)
    })
  })
}

describe('durability', () => {
  it('every acknowledged template and punch survives kill -9 at a random moment, twice on one folder', async () => {
    const dir = tempDir()
    const key = randomBytes(32)
    const all = { templates: [] as string[], punches: [] as string[] }
    for (const round of [1, 2]) {
      // 200 iterations write 400 records; kill somewhere in the middle 90%.
      const killAfter = randomInt(20, 380)
      const acked = await runAndKill(dir, key, killAfter)
      expect(acked.finished, `round ${round} killed after ${killAfter} acknowledgements`).toBe(false)
      all.templates.push(...acked.templates)
      all.punches.push(...acked.punches)

      const store = await open(dir, { key: { kind: 'raw', key } })
      const health = store.health()
      // A write cut short by the kill may leave a torn last line: reported, never dropped silently.
      for (const damaged of health.damaged) {
        expect([STORE_FILES.templates, STORE_FILES.attendance]).toContain(damaged.file)
        const lineCount = readFileSync(join(dir, damaged.file), 'utf8').split('\n').filter((l) => l !== '').length
        expect(damaged.lines).toEqual([lineCount])
      }
      const templates = new Set((await store.templates.find({}, { _id: 1 })).map((t) => t._id))
      const punches = new Set((await store.attendance.find({}, { _id: 1 })).map((p) => p._id))
      expect(all.templates.filter((id) => !templates.has(id)), `round ${round}, killed after ${killAfter}`).toEqual([])
      expect(all.punches.filter((id) => !punches.has(id)), `round ${round}, killed after ${killAfter}`).toEqual([])
      for (const damaged of health.damaged) await store.repair(damaged.file)
      await store.close()
    }
  })
})

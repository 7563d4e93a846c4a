import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ClockfaceError } from '../../src/shared/errors'
import { createLineCipher } from '../../src/main/store/line-cipher'
import { STORE_FILES } from '../../src/main/store/open-store'
import { createRepositories } from '../../src/main/store/repositories'
import type { ClockfaceStore } from '../../src/main/store/store-types'
import { cleanUp, mode, newKey, open, sampleDoc, seedFolder, sha256, tempDir } from '../helpers/store-fixtures'

afterEach(cleanUp)

type Name = keyof typeof STORE_FILES
const names = Object.keys(STORE_FILES) as Name[]

/** Byte offsets [start, end) of each line of a file (without its line end). */
function lineSpans(bytes: Buffer): [number, number][] {
  const spans: [number, number][] = []
  let start = 0
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      spans.push([start, i])
      start = i + 1
    }
  }
  if (start < bytes.length) spans.push([start, bytes.length])
  return spans
}

const collection = (store: ClockfaceStore, name: Name) =>
  store[name] as unknown as { find(q: object): Promise<{ _id: string }[]>; insert(d: unknown): Promise<{ _id: string }> }

async function rejection(promise: Promise<unknown>): Promise<ClockfaceError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(ClockfaceError)
  return error as ClockfaceError
}

/**
 * Seeds an encrypted folder, damages line 2 of `name`'s file with `damage`, and checks the
 * whole contract: reported by file and line, good records served, writes refused, the file
 * and its copy byte-identical after close, then repair and writes accepted again.
 */
async function damagedFileScenario(name: Name, damage: 'flip' | 'truncate') {
  const dir = tempDir()
  const key = newKey()
  const ids = await seedFolder(dir, { key })
  const file = STORE_FILES[name]
  const path = join(dir, file)
  const bytes = readFileSync(path)
  const spans = lineSpans(bytes)
  const idOfLine = (n: number) => {
    const [a, b] = spans[n - 1]!
    return (JSON.parse(createLineCipher((key as { key: Uint8Array }).key).decrypt(bytes.subarray(a, b).toString('utf8'))) as { _id: string })._id
  }
  // After compaction the documents come first, one per line, then the index definitions.
  const lost = idOfLine(2)
  const [start, end] = spans[1]!
  const middle = start + Math.floor((end - start) / 2)
  let expectedGood: string[]
  if (damage === 'flip') {
    bytes[middle] = bytes[middle]! ^ 0x01
    writeFileSync(path, bytes)
    expectedGood = ids[name]!.filter((id) => id !== lost)
  } else {
    writeFileSync(path, bytes.subarray(0, middle))
    expectedGood = [idOfLine(1)]
  }
  const damagedHash = sha256(path)

  const store = await open(dir, { key })
  const health = store.health()
  expect(health.readOnly).toBe(true)
  expect(health.damaged).toEqual([{ file, lines: [2], copy: expect.stringMatching(new RegExp(`^${file.replace('.', '\\.')}\\.damaged-\\d{8}T\\d{6}Z$`)) }])
  const copy = join(dir, health.damaged[0]!.copy)
  expect(store.readOnlyReason()).toContain(`${file} has damaged line 2`)
  expect(store.readOnlyReason()).toContain(health.damaged[0]!.copy)

  // The good records are served; the damaged one is not invented.
  expect((await collection(store, name).find({})).map((d) => d._id).sort()).toEqual([...expectedGood].sort())
  // Every write is refused: on the damaged collection itself and through the repositories.
  expect((await rejection(collection(store, name).insert(sampleDoc(name, 7)))).code).toBe('read-only')
  const repos = createRepositories(store)
  const refused = await rejection(repos.employees.insert(sampleDoc('employees', 8) as never))
  expect(refused.code).toBe('read-only')
  expect(refused.message).toContain(file)
  await store.close()

  // Nothing was rewritten: the file and its copy are byte for byte what the damage left.
  expect(sha256(path)).toBe(damagedHash)
  expect(sha256(copy)).toBe(damagedHash)
  expect(mode(copy)).toBe(0o600)
  expect(existsSync(`${path}~`)).toBe(false)

  // Reopening reuses the same copy and still refuses writes.
  const again = await open(dir, { key })
  expect(again.health().damaged[0]!.copy).toBe(health.damaged[0]!.copy)
  expect(readdirSync(dir).filter((n) => n.includes('.damaged-'))).toHaveLength(1)

  // Repair drops the damaged line; writes are accepted again and survive reopening.
  const repaired = await again.repair(file)
  expect(repaired).toEqual({ readOnly: false, damaged: [] })
  expect(again.readOnlyReason()).toBeNull()
  const added = await collection(again, name).insert(sampleDoc(name, 9))
  await again.close()
  expect(sha256(copy)).toBe(damagedHash)

  const after = await open(dir, { key })
  expect(after.health()).toEqual({ readOnly: false, damaged: [] })
  expect((await collection(after, name).find({})).map((d) => d._id).sort()).toEqual([...expectedGood, added._id].sort())
  await after.close()
}

describe('a damaged data file', () => {
  describe.each(names)('%s', (name) => {
    it('with a flipped byte: reported by line, kept byte for byte, good records read-only, then repaired', () => damagedFileScenario(name, 'flip'))
    it('truncated mid-line: reported by line, kept byte for byte, good records read-only, then repaired', () =>
      damagedFileScenario(name, 'truncate'))
  })

  it('refuses to repair a file that is not damaged, and names the damaged ones', async () => {
    const dir = tempDir()
    const store = await open(dir, { key: newKey() })
    await expect(store.repair('employees.db')).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('none') })
    await expect(store.repair('../../etc/passwd')).rejects.toMatchObject({ code: 'not-found' })
  })

  it('reports several damaged files and stays read-only until the last one is repaired', async () => {
    const dir = tempDir()
    const key = newKey()
    await seedFolder(dir, { key }, 2)
    for (const file of [STORE_FILES.attendance, STORE_FILES.audit]) {
      const path = join(dir, file)
      writeFileSync(path, readFileSync(path, 'utf8') + '{"_id":"forged","employeeCode":"E1"}\n')
    }
    const store = await open(dir, { key })
    expect(store.health().damaged.map((d) => [d.file, d.lines])).toEqual([
      ['attendance.db', [5]],
      ['audit.db', [4]]
    ])
    await store.repair('attendance.db')
    expect(store.health().readOnly).toBe(true)
    expect(store.readOnlyReason()).toContain('audit.db')
    expect(store.readOnlyReason()).not.toContain('attendance.db')
    await store.repair('audit.db')
    expect(store.readOnlyReason()).toBeNull()
    expect(await store.attendance.findOne({ _id: 'forged' })).toBeNull()
  })

  it('replays the good lines as NeDB does: later lines replace, deletions remove, index lines define indexes', async () => {
    const dir = tempDir()
    const lines = [
      '{"_id":"a","code":"A","name":"First","department":"","createdAt":"x","updatedAt":"x"}',
      '{"_id":"b","code":"B","name":"Bee","department":"","createdAt":"x","updatedAt":"x"}',
      '{"_id":"a","code":"A","name":"Second","department":"","createdAt":"x","updatedAt":"x"}',
      '{"$$deleted":true,"_id":"b"}',
      '{"$$indexCreated":{"fieldName":"department","unique":false,"sparse":false}}',
      'this line is damaged',
      ''
    ]
    writeFileSync(join(dir, STORE_FILES.employees), lines.join('\n'))
    const store = await open(dir)
    expect(store.health().damaged).toEqual([{ file: 'employees.db', lines: [6], copy: expect.any(String) }])
    expect(await store.employees.find({})).toEqual([expect.objectContaining({ _id: 'a', name: 'Second' })])
    const indexes = Object.keys((store.employees as unknown as { indexes: Record<string, unknown> }).indexes)
    expect(indexes).toEqual(expect.arrayContaining(['_id', 'code', 'department']))
  })
})

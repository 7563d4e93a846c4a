import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readPeopleCsv } from '../../src/main/cli/people-csv'
import { defaultDataDir } from '../../src/main/default-data-dir'

describe('defaultDataDir (same folder as Electron app.getPath("userData"))', () => {
  it('follows each platform’s convention', () => {
    expect(defaultDataDir('linux', {}, '/home/ada')).toBe('/home/ada/.config/Clockface')
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ada')).toBe('/xdg/Clockface')
    expect(defaultDataDir('darwin', {}, '/Users/ada')).toBe('/Users/ada/Library/Application Support/Clockface')
    expect(defaultDataDir('win32', { APPDATA: '/c/Users/ada/AppData/Roaming' }, '/c/Users/ada')).toBe(join('/c/Users/ada/AppData/Roaming', 'Clockface'))
  })
})

describe('readPeopleCsv', () => {
  const dirs: string[] = []
  const file = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'clockface-csv-'))
    dirs.push(dir)
    writeFileSync(join(dir, 'people.csv'), text)
    return join(dir, 'people.csv')
  }
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('reads code, name and department (BOM, quotes, CRLF, blank lines)', () => {
    const people = readPeopleCsv(file('\ufeffcode,name,department\r\nE1,"Lovelace, Ada",R&D\r\n\r\nE2, Grace Hopper ,\r\n'))
    expect([...people]).toEqual([
      ['E1', { name: 'Lovelace, Ada', department: 'R&D' }],
      ['E2', { name: 'Grace Hopper', department: '' }]
    ])
  })

  it('returns an empty map without a file and refuses rows without a name', () => {
    expect(readPeopleCsv(join(tmpdir(), 'no-such-folder', 'people.csv')).size).toBe(0)
    expect(() => readPeopleCsv(file('code,name\nE1,\n'))).toThrow(/row 2/)
  })
})

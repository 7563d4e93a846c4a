import { readdirSync, statSync } from 'node:fs'
import { extname, join, resolve } from 'node:path'
import { employeeCodeSchema } from '../../shared/contract'
import { ClockfaceError } from '../../shared/errors'
import type { CliContext } from './cli-context'
import { readImageFile } from './cli-context'
import { cliConsent } from './face-commands'
import { readPeopleCsv } from './people-csv'

/** File extensions the import treats as photos. */
export const PHOTO_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp']

/** Counts printed at the end of an import. */
export interface ImportSummary {
  employeesCreated: number
  templatesAdded: number
  photosSkipped: number
  foldersSkipped: number
}

function photosIn(folder: string): string[] {
  return readdirSync(folder)
    .filter((f) => !f.startsWith('.') && PHOTO_EXTENSIONS.includes(extname(f).toLowerCase()))
    .sort()
}

/**
 * `import <dir>`: enrols a folder of photos, one sub-folder per employee code. Names and
 * departments come from `<dir>/people.csv` (code,name,department) when present, else the name
 * is the code. A missing employee is created with their first usable photo; every other
 * usable photo becomes another template. A photo that cannot be enrolled is reported and
 * skipped: over MAX_IMAGE_BYTES (refused from its size, never read), not a JPEG, PNG or WebP,
 * over the pixel limits, unreadable, no face, several faces. Raises `invalid-input` when `dir`
 * is not a folder or people.csv is malformed, `too-large` when people.csv is over
 * MAX_PEOPLE_CSV_BYTES (people-csv.ts).
 */
export async function importFolder(
  ctx: CliContext,
  dir: string,
  print: (line: string) => void,
  options: { consent?: boolean } = {}
): Promise<ImportSummary> {
  // `--consent`: the operator confirms every person imported agreed to the current consent
  // text; without it the import stops here, before anything is read (see cliConsent).
  const consent = cliConsent(options.consent)
  const root = resolve(dir)
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    throw new ClockfaceError('invalid-input', `${dir} is not a folder.`)
  }
  const people = readPeopleCsv(join(root, 'people.csv'))
  const summary: ImportSummary = { employeesCreated: 0, templatesAdded: 0, photosSkipped: 0, foldersSkipped: 0 }
  const folders = readdirSync(root, { withFileTypes: true })
    // statSync follows symbolic links (Dirent.isDirectory() does not), so linked folders count too.
    .filter((e) => !e.name.startsWith('.') && statSync(join(root, e.name)).isDirectory())
    .map((e) => e.name)
    .sort()

  for (const folder of folders) {
    const code = employeeCodeSchema.safeParse(folder)
    if (!code.success) {
      print(`${folder}/: skipped, not a valid employee code (letters, digits, ".", "_", "-"; up to 32)`)
      summary.foldersSkipped++
      continue
    }
    const person = people.get(code.data) ?? { name: code.data, department: '' }
    let exists = (await ctx.call('getEmployee', { code: code.data })).ok
    const photos = photosIn(join(root, folder))
    if (photos.length === 0) {
      print(`${folder}/: skipped, no photos (${PHOTO_EXTENSIONS.join(' ')})`)
      summary.foldersSkipped++
      continue
    }
    let enrolledHere = 0
    for (const photo of photos) {
      const label = `${folder}/${photo}`
      let image: Awaited<ReturnType<typeof readImageFile>>
      try {
        image = await readImageFile(join(root, folder, photo))
      } catch (error) {
        const code = error instanceof ClockfaceError ? `${error.code}: ` : ''
        print(`${label}: skipped, ${code}${(error as Error).message}`)
        summary.photosSkipped++
        continue
      }
      if (!exists) {
        const created = await ctx.call('createEmployee', {
          code: code.data,
          name: person.name,
          department: person.department,
          photo: image,
          source: 'import',
          consent
        })
        if (created.ok) {
          exists = true
          enrolledHere++
          summary.employeesCreated++
          summary.templatesAdded++
          print(`${label}: enrolled, new employee ${code.data} (${person.name})`)
          continue
        }
        if (created.error.code !== 'duplicate-code') {
          print(`${label}: skipped, ${created.error.code}: ${created.error.message}`)
          summary.photosSkipped++
          continue
        }
        exists = true // created meanwhile by someone else: enrol as an extra template
      }
      const enrolled = await ctx.call('enrolFace', { code: code.data, image, source: 'import', consent })
      if (enrolled.ok) {
        enrolledHere++
        summary.templatesAdded++
        print(`${label}: enrolled`)
      } else {
        print(`${label}: skipped, ${enrolled.error.code}: ${enrolled.error.message}`)
        summary.photosSkipped++
      }
    }
    if (enrolledHere === 0 && !exists) {
      print(`${folder}/: no usable photo, employee ${code.data} not created`)
      summary.foldersSkipped++
    }
  }
  print(
    `Imported ${summary.templatesAdded} face template(s); ${summary.employeesCreated} new employee(s); ` +
      `${summary.photosSkipped} photo(s) skipped; ${summary.foldersSkipped} folder(s) skipped.`
  )
  return summary
}

/**
 * An office manager reviews a past week of the Sales department in Admin → Timesheets, finds a
 * forgotten check-out, adds it with a reason from the day's punches, and downloads the timesheet
 * (CSV and Excel) whose hours must equal the ones computed by hand below from the README's
 * "Timesheet rules". Employees and schedules go in over the HTTP API (no command creates an
 * employee without a photo); the punches go in with the real `import-punches` command while the
 * server is stopped, as an office importing another clock's file would.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test'
import { parse } from 'csv-parse/sync'
import readXlsxFile from 'read-excel-file/node'
import { ApiSession, chromiumPath, launchBrowser, startServer, type RunningServer } from './fixtures'

const root = resolve(__dirname, '..', '..')
/** Stable place for the screenshots kept as artifacts. */
const screenshotsDir = join(root, 'test-results', 'screenshots')

const OWNER = { username: 'owner', password: 'front-desk-2468' }
const ZONE = 'Europe/Madrid'
const WEEK = { from: '2026-11-09', to: '2026-11-15' }

const LUCIA = { code: 'S01', name: 'Lucía Fernández', department: 'Sales' }
const TOMAS = { code: 'S02', name: 'Tomás Ortega', department: 'Sales' }
const ANA = { code: 'W01', name: 'Ana Beltrán', department: 'Warehouse' }

/**
 * The punches of the week, local to Europe/Madrid (UTC+1 all week, no daylight-saving change).
 * Lucía's Friday check-in is followed by nothing that week: her next punch is Monday's, so the
 * shift stays without a check-out (not closed by the system, because her latest punch is a
 * check-out). Ana's Friday check-in is her last punch ever, so the server closes it at start-up.
 */
const PUNCHES: [code: string, type: string, time: string][] = [
  ['S01', 'check-in', '2026-11-09 08:57'],
  ['S01', 'check-out', '2026-11-09 17:02'],
  ['S01', 'check-in', '2026-11-10 09:13'],
  ['S01', 'check-out', '2026-11-10 17:08'],
  ['S01', 'check-in', '2026-11-11 08:49'],
  ['S01', 'break-start', '2026-11-11 13:02'],
  ['S01', 'break-end', '2026-11-11 13:47'],
  ['S01', 'check-out', '2026-11-11 17:06'],
  ['S01', 'check-in', '2026-11-12 08:54'],
  ['S01', 'break-start', '2026-11-12 12:31'],
  ['S01', 'break-end', '2026-11-12 12:52'],
  ['S01', 'check-out', '2026-11-12 19:38'],
  ['S01', 'check-in', '2026-11-13 08:58'],
  ['S01', 'check-in', '2026-11-16 08:55'],
  ['S01', 'check-out', '2026-11-16 17:04'],
  ['S02', 'check-in', '2026-11-09 21:58'],
  ['S02', 'check-out', '2026-11-10 06:02'],
  ['S02', 'check-in', '2026-11-10 22:11'],
  ['S02', 'check-out', '2026-11-11 06:07'],
  ['S02', 'check-in', '2026-11-11 21:52'],
  ['S02', 'break-start', '2026-11-12 02:14'],
  ['S02', 'break-end', '2026-11-12 02:58'],
  ['S02', 'check-out', '2026-11-12 06:03'],
  ['S02', 'check-in', '2026-11-12 21:47'],
  ['S02', 'check-out', '2026-11-13 07:29'],
  ['W01', 'check-in', '2026-11-09 07:46'],
  ['W01', 'check-out', '2026-11-09 16:19'],
  ['W01', 'check-in', '2026-11-10 07:52'],
  ['W01', 'check-out', '2026-11-10 16:31'],
  ['W01', 'check-in', '2026-11-13 07:49']
]

/**
 * Expected Sales timesheet, computed by hand.
 *
 * Default schedule (Lucía): 09:00–17:00 Mon–Fri, grace 5, unpaid break 30 → scheduled 8:00 − 0:30 = 450 min.
 * Tomás's own schedule: 22:00–06:00 (ends the next day) Mon–Fri, grace 5, unpaid break 30 → also 450 min.
 * Worked = presence − max(punched breaks, 30); late counted from the start when past start + 5;
 * overtime = worked − 450 when that is over 5.
 *
 * Lucía (S01)
 *   Mon 08:57 → 17:02   presence 8h05 = 485; no punched break → 30; worked 455 (7:35). 455 − 450 = 5, not over the grace: no overtime.
 *   Tue 09:13 → 17:08   presence 7h55 = 475; break 30; worked 445 (7:25). 09:13 > 09:05: late 13 (from 09:00).
 *   Wed 08:49 → 17:06   presence 8h17 = 497; punched 13:02 → 13:47 = 45 > 30 → 45; worked 452 (7:32).
 *   Thu 08:54 → 19:38   presence 10h44 = 644; punched 12:31 → 12:52 = 21 < 30 → 30; worked 614 (10:14); overtime 614 − 450 = 164 (2:44).
 *   Fri 08:58 → nothing missing check-out: presence 0, break 0, worked 0; flagged "No check-out".
 *   Week: worked 455 + 445 + 452 + 614 + 0 = 1966 (32:46); break 30 + 30 + 45 + 30 = 135 (2:15);
 *         scheduled 5 × 450 = 2250 (37:30); late 13; overtime 164 (2:44); 4 days worked, 0 absent, 1 to review.
 *   After adding the check-out Fri 17:01: presence 08:58 → 17:01 = 8h03 = 483; break 30; worked 453 (7:33);
 *         453 − 450 = 3: no overtime; 17:01 is not before 16:55: no early leave.
 *         Week: worked 1966 + 453 = 2419 (40:19); break 165 (2:45); 5 days worked, none to review.
 *
 * Tomás (S02), each night on the date of its check-in
 *   Mon 21:58 → Tue 06:02   presence 8h04 = 484; break 30; worked 454 (7:34); 4 over: no overtime.
 *   Tue 22:11 → Wed 06:07   presence 7h56 = 476; break 30; worked 446 (7:26); late 11 (22:11 > 22:05).
 *   Wed 21:52 → Thu 06:03   presence 8h11 = 491; punched 02:14 → 02:58 = 44 > 30 → 44; worked 447 (7:27).
 *   Thu 21:47 → Fri 07:29   presence 9h42 = 582; break 30; worked 552 (9:12); overtime 102 (1:42).
 *   Fri                      scheduled, no shift: absent, worked 0.
 *   Week: worked 454 + 446 + 447 + 552 = 1899 (31:39).
 *
 * Sales: before the correction 1966 + 1899 = 3865 (64:25); after it 2419 + 1899 = 4318 (71:58).
 */
interface ExpectedDay {
  code: string
  date: string
  weekday: string
  firstIn: string
  lastOut: string
  workedMinutes: number
  worked: string
  workedHours: number
  break: string
  lateMinutes: number
  overtime: string
  overtimeHours: number
  flags: string
}

const DAYS_AFTER_CORRECTION: ExpectedDay[] = [
  { code: 'S01', date: '2026-11-09', weekday: 'Monday', firstIn: '08:57', lastOut: '17:02', workedMinutes: 455, worked: '7:35', workedHours: 7.58, break: '0:30', lateMinutes: 0, overtime: '0:00', overtimeHours: 0, flags: '' },
  { code: 'S01', date: '2026-11-10', weekday: 'Tuesday', firstIn: '09:13', lastOut: '17:08', workedMinutes: 445, worked: '7:25', workedHours: 7.42, break: '0:30', lateMinutes: 13, overtime: '0:00', overtimeHours: 0, flags: 'Late' },
  { code: 'S01', date: '2026-11-11', weekday: 'Wednesday', firstIn: '08:49', lastOut: '17:06', workedMinutes: 452, worked: '7:32', workedHours: 7.53, break: '0:45', lateMinutes: 0, overtime: '0:00', overtimeHours: 0, flags: '' },
  { code: 'S01', date: '2026-11-12', weekday: 'Thursday', firstIn: '08:54', lastOut: '19:38', workedMinutes: 614, worked: '10:14', workedHours: 10.23, break: '0:30', lateMinutes: 0, overtime: '2:44', overtimeHours: 2.73, flags: 'Overtime' },
  { code: 'S01', date: '2026-11-13', weekday: 'Friday', firstIn: '08:58', lastOut: '17:01', workedMinutes: 453, worked: '7:33', workedHours: 7.55, break: '0:30', lateMinutes: 0, overtime: '0:00', overtimeHours: 0, flags: 'Corrected' },
  { code: 'S02', date: '2026-11-09', weekday: 'Monday', firstIn: '21:58', lastOut: '2026-11-10 06:02', workedMinutes: 454, worked: '7:34', workedHours: 7.57, break: '0:30', lateMinutes: 0, overtime: '0:00', overtimeHours: 0, flags: '' },
  { code: 'S02', date: '2026-11-10', weekday: 'Tuesday', firstIn: '22:11', lastOut: '2026-11-11 06:07', workedMinutes: 446, worked: '7:26', workedHours: 7.43, break: '0:30', lateMinutes: 11, overtime: '0:00', overtimeHours: 0, flags: 'Late' },
  { code: 'S02', date: '2026-11-11', weekday: 'Wednesday', firstIn: '21:52', lastOut: '2026-11-12 06:03', workedMinutes: 447, worked: '7:27', workedHours: 7.45, break: '0:44', lateMinutes: 0, overtime: '0:00', overtimeHours: 0, flags: '' },
  { code: 'S02', date: '2026-11-12', weekday: 'Thursday', firstIn: '21:47', lastOut: '2026-11-13 07:29', workedMinutes: 552, worked: '9:12', workedHours: 9.2, break: '0:30', lateMinutes: 0, overtime: '1:42', overtimeHours: 1.7, flags: 'Overtime' },
  { code: 'S02', date: '2026-11-13', weekday: 'Friday', firstIn: '', lastOut: '', workedMinutes: 0, worked: '0:00', workedHours: 0, break: '0:00', lateMinutes: 0, overtime: '0:00', overtimeHours: 0, flags: 'Absent' }
]

/** Lucía's days on screen before the correction: worked, break, late, overtime (blank when 0, as the table shows them). */
const LUCIA_BEFORE: Record<string, { worked: string; break: string; late: string; overtime: string; flags: string }> = {
  '2026-11-09': { worked: '7:35', break: '0:30', late: '', overtime: '', flags: '' },
  '2026-11-10': { worked: '7:25', break: '0:30', late: '0:13', overtime: '', flags: 'late' },
  '2026-11-11': { worked: '7:32', break: '0:45', late: '', overtime: '', flags: '' },
  '2026-11-12': { worked: '10:14', break: '0:30', late: '', overtime: '2:44', flags: 'overtime' },
  '2026-11-13': { worked: '0:00', break: '', late: '', overtime: '', flags: 'missing-check-out' }
}

const REASON = 'Forgot to punch out; left at 17:01 (team lead confirmed)'

/** The text of each cell of a table row. */
async function cells(row: Locator): Promise<string[]> {
  return (await row.locator('td').allInnerTexts()).map((text) => text.trim())
}

/** An employee's timesheet (a <details>), opened. */
async function openEmployee(page: Page, code: string): Promise<Locator> {
  const sheet = page.locator(`[data-testid="employee-timesheet"][data-code="${code}"]`)
  if ((await sheet.getAttribute('open')) === null) await sheet.locator('summary').click()
  await expect(sheet).toHaveAttribute('open', '')
  return sheet
}

/** Types a date into the start or end part of the period's date range field (month, day, year in English). */
async function typeDate(page: Page, part: 'From' | 'To', date: string): Promise<void> {
  const [year, month, day] = date.split('-')
  const segments = page.getByTestId('date-range').getByRole('group', { name: part }).getByRole('spinbutton')
  await segments.nth(0).click()
  await page.keyboard.type(`${month}${day}${year}`)
}

test.describe.serial('timesheets: a manager reviews a week, corrects a punch and downloads the hours', () => {
  test.skip(!existsSync(chromiumPath), 'needs /usr/bin/chromium (or CHROMIUM_PATH)')

  let server: RunningServer
  let browser: Browser

  test.beforeAll(async () => {
    mkdirSync(screenshotsDir, { recursive: true })
    server = await startServer()
    const owner = new ApiSession(server.url)
    expect((await owner.call('setupOwner', { ...OWNER, setupCode: server.setupCode })).ok).toBe(true)
    for (const employee of [LUCIA, TOMAS, ANA]) {
      const created = await owner.call('createEmployee', employee)
      expect(created.error).toBeUndefined()
    }
    const office = { start: '09:00', end: '17:00', weekdays: [1, 2, 3, 4, 5], graceMinutes: 5, unpaidBreakMinutes: 30 }
    expect((await owner.call('saveSchedule', { scope: 'default', ...office })).error).toBeUndefined()
    expect((await owner.call('saveSchedule', { scope: 'employee', target: TOMAS.code, ...office, start: '22:00', end: '06:00' })).error).toBeUndefined()

    // The data folder is opened by one process at a time: the import runs while the server is down.
    await server.stop()
    const csv = join(server.dataDir, '..', `${basename(server.dataDir)}-punches.csv`)
    writeFileSync(csv, ['code,type,time', ...PUNCHES.map((row) => row.join(','))].join('\n') + '\n')
    const imported = execFileSync(process.execPath, [join(root, 'out', 'main', 'cli.js'), 'import-punches', csv, '--zone', ZONE, '--data', server.dataDir], { encoding: 'utf8' })
    expect(imported).toContain(`Imported ${PUNCHES.length} punches`)
    server = await startServer({ dataDir: server.dataDir })
    browser = await launchBrowser()
  })

  test.afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('the Sales week on screen and in the CSV and Excel downloads matches the hand-computed hours, before and after adding a forgotten check-out', async () => {
    // The office's computer is in Madrid, like the kiosks.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: ZONE, acceptDownloads: true })
    const page = await context.newPage()

    await page.goto(`${server.url}/#/admin/timesheets`)
    await page.getByLabel('User name').fill(OWNER.username)
    await page.getByTestId('sign-in-password').fill(OWNER.password)
    await page.getByTestId('sign-in-submit').click()
    await expect(page).toHaveURL(/#\/admin\/timesheets$/)
    await expect(page.getByTestId('nav-timesheets')).toHaveAttribute('aria-current', 'page')

    // A custom week typed into the date range, then the department.
    await typeDate(page, 'From', WEEK.from)
    await typeDate(page, 'To', WEEK.to)
    // The typed week is also "Last week" when the test runs in the week after it.
    await expect(page.getByTestId('period-preset')).toHaveValue(/custom|last-week/)
    await page.getByTestId('timesheet-department').selectOption('Sales')
    const sheets = page.getByTestId('employee-timesheet')
    await expect(sheets).toHaveCount(2)
    await expect(page.locator('[data-testid="employee-timesheet"][data-code="W01"]')).toHaveCount(0)

    const sales = page.getByTestId('department-row')
    await expect(sales).toHaveCount(1)
    expect((await cells(sales)).slice(0, 3)).toEqual(['Sales', '2', '64:25'])

    const lucia = await openEmployee(page, LUCIA.code)
    await expect(lucia.locator('summary')).toContainText('Worked 32:46')
    await expect(lucia.locator('summary')).toContainText('To review: 1')
    for (const [date, day] of Object.entries(LUCIA_BEFORE)) {
      const row = lucia.locator(`[data-testid="timesheet-day"][data-date="${date}"]`)
      await expect(row).toHaveAttribute('data-flags', day.flags)
      const [, , , worked, breaks, late, overtime] = await cells(row)
      expect({ date, worked, break: breaks, late, overtime }).toEqual({ date, worked: day.worked, break: day.break, late: day.late, overtime: day.overtime })
    }
    const friday = lucia.locator('[data-testid="timesheet-day"][data-date="2026-11-13"]')
    await expect(friday).toContainText('No check-out')
    await expect(friday.locator('.badge.review')).toHaveText('No check-out')
    // Totals: period label, worked, break, scheduled, late, left early, overtime, days worked, absent, to review.
    const total = lucia.getByTestId('timesheet-total').filter({ has: page.locator('td:first-child', { hasText: /^Total$/ }) })
    expect(await cells(total)).toEqual(['Total', '32:46', '2:15', '37:30', '0:13', '0:00', '2:44', '4', '0', '1'])
    const tomas = await openEmployee(page, TOMAS.code)
    await expect(tomas.locator('summary')).toContainText('Worked 31:39')
    await expect(tomas.locator('[data-testid="timesheet-day"][data-date="2026-11-13"]')).toHaveAttribute('data-flags', 'absent')
    await page.screenshot({ path: join(screenshotsDir, 'attendance-timesheet-week.png'), fullPage: true })

    // The flagged day links to its punches in the attendance log.
    await friday.getByTestId('day-punches').click()
    await expect(page).toHaveURL(/#\/admin\/attendance\?code=S01&from=2026-11-13&to=2026-11-13$/)
    const rows = page.getByTestId('punch-row')
    await expect(rows).toHaveCount(1)
    await expect(rows.first()).toHaveAttribute('data-type', 'check-in')
    await rows.first().getByTestId('open-punch').click()
    const details = page.getByTestId('punch-details')
    await expect(details).toContainText('Lucía Fernández (S01)')
    await expect(details).toContainText('Nov 13, 2026, 08:58:00')
    await expect(details).toContainText(ZONE)
    await expect(details).toContainText('Not corrected.')
    await details.getByRole('button', { name: 'Close' }).filter({ hasText: 'Close' }).click()
    await expect(details).toHaveCount(0)

    await page.getByTestId('add-punch').click()
    const dialog = page.getByTestId('correction-dialog')
    await dialog.getByTestId('correction-code').selectOption(LUCIA.code)
    await dialog.getByTestId('correction-type').selectOption('check-out')
    await dialog.getByTestId('correction-date').fill('2026-11-13')
    await dialog.getByTestId('correction-time').fill('17:01')
    await dialog.getByTestId('correction-zone').selectOption(ZONE)
    await dialog.getByTestId('correction-reason').fill(REASON)
    await dialog.getByTestId('correction-submit').click()
    await expect(dialog).toHaveCount(0)
    await expect(page.getByTestId('attendance-log')).toContainText('Added a Check-out for Lucía Fernández.')
    await expect(rows).toHaveCount(2)

    const added = page.locator('[data-testid="punch-row"][data-type="check-out"]')
    await added.getByTestId('open-punch').click()
    await expect(details).toContainText('Nov 13, 2026, 17:01:00')
    const revision = details.getByTestId('revision-row')
    await expect(revision).toHaveCount(1)
    const [when, who, what, change, reason] = await cells(revision)
    expect(when).toMatch(/\d{4}, \d{2}:\d{2}:\d{2}$/)
    expect({ who, what, change, reason }).toEqual({ who: 'owner', what: 'Added', change: '— → Check-out Nov 13, 2026, 17:01:00', reason: REASON })
    await page.screenshot({ path: join(screenshotsDir, 'attendance-punch-correction-history.png') })
    await details.getByRole('button', { name: 'Close' }).filter({ hasText: 'Close' }).click()

    // Back in Timesheets, the same week and department are still chosen and Friday now counts.
    await page.getByTestId('nav-timesheets').click()
    await expect(page.getByTestId('timesheet-department')).toHaveValue('Sales')
    await expect(page.getByTestId('department-row')).toContainText('71:58')
    const luciaAfter = await openEmployee(page, LUCIA.code)
    await expect(luciaAfter.locator('summary')).toContainText('Worked 40:19')
    await expect(luciaAfter.locator('summary .badge.review')).toHaveCount(0)
    const fridayAfter = luciaAfter.locator('[data-testid="timesheet-day"][data-date="2026-11-13"]')
    await expect(fridayAfter).toHaveAttribute('data-flags', 'corrected')
    expect((await cells(fridayAfter)).slice(1, 7)).toEqual(['08:58', '17:01', '7:33', '0:30', '', ''])
    const totalAfter = luciaAfter.getByTestId('timesheet-total').filter({ has: page.locator('td:first-child', { hasText: /^Total$/ }) })
    expect(await cells(totalAfter)).toEqual(['Total', '40:19', '2:45', '37:30', '0:13', '0:00', '2:44', '5', '0', '0'])
    await page.screenshot({ path: join(screenshotsDir, 'attendance-timesheet-corrected.png'), fullPage: true })

    // The CSV download: UTF-8 with a byte-order mark, CRLF, one row per employee and reported day.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-timesheet-csv').click()])
    expect(csvDownload.suggestedFilename()).toBe('clockface-timesheet-2026-11-09_2026-11-15.csv')
    const bytes = readFileSync(await csvDownload.path())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.subarray(3).toString('utf8')
    expect(text).toContain('\r\n')
    const [header, ...records] = parse(text) as string[][]
    expect(header).toEqual([
      'Employee code', 'Name', 'Department', 'Date', 'Weekday', 'Time zone', 'First in', 'Last out', 'Worked hours', 'Worked (h:mm)',
      'Break (h:mm)', 'Scheduled (h:mm)', 'Late (minutes)', 'Early leave (minutes)', 'Overtime hours', 'Overtime (h:mm)', 'Flags'
    ])
    const names: Record<string, string> = { S01: LUCIA.name, S02: TOMAS.name }
    const expectedRows = DAYS_AFTER_CORRECTION.map((d) => [
      d.code, names[d.code], 'Sales', d.date, d.weekday, ZONE, d.firstIn, d.lastOut, String(d.workedHours), d.worked,
      d.break, '7:30', String(d.lateMinutes), '0', String(d.overtimeHours), d.overtime, d.flags
    ])
    expect(records).toEqual(expectedRows)
    // Decimal and h:mm columns say the same minutes, and they add up to the hand-computed week.
    for (const record of records) {
      const [h, m] = (record[9] ?? '').split(':').map(Number)
      expect(Number(record[8])).toBeCloseTo(((h ?? 0) * 60 + (m ?? 0)) / 60, 2)
    }
    const minutesOf = (code: string) => DAYS_AFTER_CORRECTION.filter((d) => d.code === code).reduce((sum, d) => sum + d.workedMinutes, 0)
    expect([minutesOf('S01'), minutesOf('S02')]).toEqual([2419, 1899])

    // The Excel download: the same days with numbers as numbers, then the totals and the department.
    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-timesheet-xlsx').click()])
    expect(xlsxDownload.suggestedFilename()).toBe('clockface-timesheet-2026-11-09_2026-11-15.xlsx')
    const workbook = await readXlsxFile(readFileSync(await xlsxDownload.path()), { trim: false })
    expect(workbook.map((sheet) => sheet.sheet)).toEqual(['Days', 'Totals', 'Departments'])
    const [days, totals, departments] = workbook.map((sheet) => sheet.data)
    expect(days?.[0]).toEqual(header)
    expect(days?.slice(1).map((row) => [row[0], row[3], row[8], row[9], row[12], row[14], row[15]])).toEqual(
      DAYS_AFTER_CORRECTION.map((d) => [d.code, d.date, d.workedHours, d.worked, d.lateMinutes, d.overtimeHours, d.overtime])
    )
    // Totals: worked hours, worked, break, scheduled hours, scheduled, late, early leave, overtime hours, overtime, days worked, absent, to review.
    expect(totals?.slice(1)).toEqual([
      ['S01', LUCIA.name, 'Sales', 40.32, '40:19', '2:45', 37.5, '37:30', 13, 0, 2.73, '2:44', 5, 0, 0],
      ['S02', TOMAS.name, 'Sales', 31.65, '31:39', '2:14', 37.5, '37:30', 11, 0, 1.7, '1:42', 4, 1, 0]
    ])
    expect(departments?.slice(1)).toEqual([['Sales', 2, 71.97, '71:58', '4:59', 75, '75:00', 24, 0, 4.43, '4:26', 9, 1, 0]])
    await expect(page.getByTestId('timesheets')).toContainText('Downloaded clockface-timesheet-2026-11-09_2026-11-15.xlsx')

    // The audit log has the correction with its reason, over the API and on People & settings.
    const audit = await page.request.post(`${server.url}/api/listAuditLog`, { data: { limit: 100 } })
    const entries = ((await audit.json()) as { value: { action: string; actor: string; outcome: string; employeeCode?: string; summary: string }[] }).value
    const correction = entries.find((entry) => entry.action === 'addPunch')
    expect(correction).toMatchObject({ actor: 'owner', outcome: 'ok', employeeCode: 'S01' })
    expect(correction?.summary).toContain(`reason "${REASON}"`)
    expect(correction?.summary).toContain('S01 none → check-out 2026-11-13T16:01:00.000Z')
    await page.getByTestId('nav-people').click()
    await expect(page.locator('[data-testid="audit-row"][data-action="addPunch"][data-actor="owner"][data-code="S01"]')).toContainText(REASON)
    await context.close()
  })

  test('correcting the time of the check-out the system added to a forgotten shift makes the shift count', async () => {
    const owner = new ApiSession(server.url)
    await owner.login(OWNER.username, OWNER.password)
    // Ana's Friday check-in (07:49) was her last punch: the server closed it at start-up, 16 h later.
    const found = await owner.call<{ items: { id: string; time: string; needsReview?: boolean }[] }>('searchAttendance', { code: ANA.code, source: 'system' })
    expect(found.value?.items).toHaveLength(1)
    const closed = found.value!.items[0]!
    expect(closed).toMatchObject({ time: '2026-11-13T22:49:00.000Z', needsReview: true })
    const edited = await owner.call('editPunch', { punchId: closed.id, time: '2026-11-13T15:18:00.000Z', reason: 'Left at 16:18, per the loading dock sheet' })
    expect(edited.error).toBeUndefined()
    // 07:49 → 16:18 is 8h29 = 509 min of presence, less the 30-minute unpaid break: 479 (7:59).
    // Against 09:00–17:00: left 42 min early, yet 29 min over the 450 scheduled (she came early).
    const sheet = await owner.call<{ employees: { days: { date: string; workedMinutes: number; flags: string[] }[] }[] }>('getTimesheet', { from: '2026-11-13', to: '2026-11-13', code: ANA.code })
    expect(sheet.value?.employees[0]?.days[0]).toMatchObject({ date: '2026-11-13', workedMinutes: 479, flags: ['early-leave', 'overtime', 'corrected'] })
  })
})

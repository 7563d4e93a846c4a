/**
 * The punch export: one row per punch, ordered by employee code then time, with the local date
 * and time in the punch's own zone (see column-keys.ts for the columns).
 */
import type { AttendanceEvent } from '../../../shared/models'
import { PUNCH_HISTORY_KEYS, PUNCH_KEYS, type PunchKey } from './column-keys'
import type { ExportLabels } from './export-labels'
import { buildTable, type ExportCell, type ExportTable } from './export-table'
import { inZone, zoneOrDefault } from './local-time'
import { revisionsText } from './revision-text'

/** Decimals kept of a match distance: enough to compare with a threshold such as 0.6. */
const DISTANCE_DECIMALS = 4

/** Orders employee codes as people do: `E2` before `E10`. */
export const codeOrder = new Intl.Collator('en', { numeric: true }).compare

/** Options of {@link punchTable}. */
export interface PunchTableOptions {
  /** Add the correction history columns (corrected, original type and time, corrections). */
  history: boolean
  labels: ExportLabels
  /** IANA zone for punches that carry none (recorded before zones existed). */
  defaultTimeZone: string
}

/**
 * The punches as a table, ordered by employee code (numeric-aware), then time, then id.
 * Cells: local date `YYYY-MM-DD` and time `HH:mm:ss` in the punch's zone (else
 * `defaultTimeZone`), the zone used, the stored UTC time, translated type and source (empty
 * when the punch predates sources), kiosk, match distance as a number (empty unless a face
 * punch), needs review and voided as yes/no. With `history`: corrected (yes/no), the type and
 * local time `yyyy-MM-dd HH:mm:ss` as first recorded (empty when never corrected or added by an
 * admin), and every correction as text (revision-text.ts). Raises RangeError for an
 * unreadable time or an invalid default zone.
 */
export function punchTable(punches: readonly AttendanceEvent[], options: PunchTableOptions): ExportTable {
  const { labels } = options
  const ordered = [...punches].sort(
    (a, b) => codeOrder(a.employeeCode, b.employeeCode) || Date.parse(a.time) - Date.parse(b.time) || a.id.localeCompare(b.id)
  )
  const keys: readonly PunchKey[] = options.history ? [...PUNCH_KEYS, ...PUNCH_HISTORY_KEYS] : PUNCH_KEYS
  const yesNo = (value: boolean | undefined): string => (value === true ? labels.yes : labels.no)
  return buildTable(labels.sheets.punches, keys, labels.columns, ordered, (punch, key): ExportCell => {
    const zone = zoneOrDefault(punch.timeZone, options.defaultTimeZone)
    const local = inZone(punch.time, zone)
    const revisions = punch.revisions ?? []
    const original = revisions[0]?.before ?? null
    switch (key) {
      case 'employeeCode':
        return punch.employeeCode
      case 'employeeName':
        return punch.employeeName
      case 'department':
        return punch.department ?? ''
      case 'date':
        return local.toFormat('yyyy-MM-dd')
      case 'time':
        return local.toFormat('HH:mm:ss')
      case 'timeZone':
        return zone
      case 'utcTime':
        return punch.time
      case 'type':
        return labels.punchType[punch.type]
      case 'source':
        return punch.source === undefined ? '' : labels.punchSource[punch.source]
      case 'kioskId':
        return punch.kioskId
      case 'distance':
        // Punches from before sources existed were all face punches.
        return punch.distance !== null && (punch.source ?? 'face') === 'face' ? Number(punch.distance.toFixed(DISTANCE_DECIMALS)) : null
      case 'needsReview':
        return yesNo(punch.needsReview)
      case 'voided':
        return yesNo(punch.voided)
      case 'corrected':
        return yesNo(revisions.length > 0)
      case 'originalType':
        return original === null ? '' : labels.punchType[original.type]
      case 'originalTime':
        return original === null ? '' : inZone(original.time, zone).toFormat('yyyy-MM-dd HH:mm:ss')
      case 'corrections':
        return revisionsText(revisions, zone, local.toFormat('yyyy-MM-dd'), labels)
    }
  })
}

/**
 * A punch's corrections as one line of text for the export's history column, e.g.
 * `2026-11-20 09:12 by alice: edit Check-in 08:05 → 08:00 "forgot to punch"`.
 */
import type { PunchRevision, PunchState } from '../../../shared/models'
import type { ExportLabels } from './export-labels'
import { inZone } from './local-time'

/** Separator between two corrections of the same punch in the history column. */
export const REVISION_SEPARATOR = '; '

/** A punch state as `<type> <time>`: time `HH:mm` when on `rowDate` (the punch's local date), else `yyyy-MM-dd HH:mm`. */
function stateText(state: PunchState, zone: string, rowDate: string, labels: ExportLabels): string {
  const local = inZone(state.time, zone)
  const time = local.toFormat('yyyy-MM-dd') === rowDate ? local.toFormat('HH:mm') : local.toFormat('yyyy-MM-dd HH:mm')
  return `${labels.punchType[state.type]} ${time}`
}

/** What a correction changed: `<type> <time>` added or voided, or `<before> → <after>` (the type repeated only when it changed). */
function changeText(revision: PunchRevision, zone: string, rowDate: string, labels: ExportLabels): string {
  const after = stateText(revision.after, zone, rowDate, labels)
  if (revision.before === null || revision.action === 'add') return after
  const before = stateText(revision.before, zone, rowDate, labels)
  if (revision.action === 'void') return before
  const sameType = revision.before.type === revision.after.type
  return `${before} → ${sameType ? after.slice(labels.punchType[revision.after.type].length + 1) : after}`
}

/**
 * One correction as text: its local time (`yyyy-MM-dd HH:mm` in `zone`, the punch's zone),
 * author, action, the change and the quoted reason. `rowDate` is the punch's local date
 * `YYYY-MM-DD` (times on it are shown without the date). Raises RangeError for an unreadable time.
 */
export function revisionText(revision: PunchRevision, zone: string, rowDate: string, labels: ExportLabels): string {
  const at = inZone(revision.at, zone).toFormat('yyyy-MM-dd HH:mm')
  return `${at} ${labels.by} ${revision.by}: ${labels.revisionAction[revision.action]} ${changeText(revision, zone, rowDate, labels)} "${revision.reason}"`
}

/** All corrections of a punch, oldest first, joined with {@link REVISION_SEPARATOR}; '' when there are none. */
export function revisionsText(revisions: readonly PunchRevision[], zone: string, rowDate: string, labels: ExportLabels): string {
  return revisions.map((revision) => revisionText(revision, zone, rowDate, labels)).join(REVISION_SEPARATOR)
}

/**
 * The words an export writes, in English and Spanish: column headers, sheet names, punch types
 * and sources, day flags, weekdays, yes/no and the words of the correction history. Punch type
 * and source labels are the same as the screens' (src/renderer/src/i18n/locales/<lang>/common.ts).
 */
import type { DayFlag } from '../../../shared/attendance-models'
import type { Language } from '../../../shared/attendance-models'
import type { PunchRevision, PunchSource, PunchType } from '../../../shared/models'
import type { ColumnKey } from './column-keys'

/** Everything an export writes in words, for one language. */
export interface ExportLabels {
  /** Header of each column. */
  columns: Record<ColumnKey, string>
  /** Sheet names of the XLSX files. */
  sheets: { punches: string; days: string; totals: string; departments: string }
  punchType: Record<PunchType, string>
  punchSource: Record<PunchSource, string>
  /**
   * Day flags. Every DayFlag must have a label; extra keys are allowed so a flag the model may
   * gain is already translated (a flag without a label is written as its key).
   */
  flag: Record<DayFlag, string> & Record<string, string>
  /** Weekday names, index 0 = Monday (ISO weekday 1) … 6 = Sunday. */
  weekdays: readonly string[]
  yes: string
  no: string
  /** Verb of each kind of correction, as in "… by alice: edit Check-in 08:05 → 08:00". */
  revisionAction: Record<PunchRevision['action'], string>
  /** The word between a correction's time and its author ("by", "por"). */
  by: string
}

const en: ExportLabels = {
  columns: {
    employeeCode: 'Employee code',
    employeeName: 'Name',
    department: 'Department',
    date: 'Date',
    time: 'Local time',
    timeZone: 'Time zone',
    utcTime: 'UTC time',
    type: 'Type',
    source: 'Source',
    kioskId: 'Kiosk',
    distance: 'Match distance',
    needsReview: 'Needs review',
    voided: 'Voided',
    corrected: 'Corrected',
    originalType: 'Original type',
    originalTime: 'Original time (local)',
    corrections: 'Corrections',
    weekday: 'Weekday',
    firstIn: 'First in',
    lastOut: 'Last out',
    workedHours: 'Worked hours',
    worked: 'Worked (h:mm)',
    break: 'Break (h:mm)',
    scheduledHours: 'Scheduled hours',
    scheduled: 'Scheduled (h:mm)',
    lateMinutes: 'Late (minutes)',
    earlyLeaveMinutes: 'Early leave (minutes)',
    overtimeHours: 'Overtime hours',
    overtime: 'Overtime (h:mm)',
    flags: 'Flags',
    daysWorked: 'Days worked',
    absentDays: 'Days absent',
    flaggedDays: 'Days to review',
    employeeCount: 'Employees'
  },
  sheets: { punches: 'Punches', days: 'Days', totals: 'Totals', departments: 'Departments' },
  punchType: { 'check-in': 'Check-in', 'check-out': 'Check-out', 'break-start': 'Break start', 'break-end': 'Break end' },
  punchSource: { face: 'Face', pin: 'PIN', admin: 'Admin', import: 'Import', system: 'System' },
  flag: {
    'missing-check-out': 'Missing check-out',
    'missing-check-in': 'Missing check-in',
    open: 'Open shift',
    late: 'Late',
    'early-leave': 'Early leave',
    overtime: 'Overtime',
    absent: 'Absent',
    unscheduled: 'Unscheduled',
    corrected: 'Corrected',
    'break-open': 'Break not ended'
  },
  weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  yes: 'yes',
  no: 'no',
  revisionAction: { add: 'add', edit: 'edit', void: 'void' },
  by: 'by'
}

const es: ExportLabels = {
  columns: {
    employeeCode: 'Código de empleado',
    employeeName: 'Nombre',
    department: 'Departamento',
    date: 'Fecha',
    time: 'Hora local',
    timeZone: 'Zona horaria',
    utcTime: 'Hora UTC',
    type: 'Tipo',
    source: 'Origen',
    kioskId: 'Quiosco',
    distance: 'Distancia de coincidencia',
    needsReview: 'Requiere revisión',
    voided: 'Anulado',
    corrected: 'Corregido',
    originalType: 'Tipo original',
    originalTime: 'Hora original (local)',
    corrections: 'Correcciones',
    weekday: 'Día de la semana',
    firstIn: 'Primera entrada',
    lastOut: 'Última salida',
    workedHours: 'Horas trabajadas',
    worked: 'Trabajado (h:mm)',
    break: 'Pausa (h:mm)',
    scheduledHours: 'Horas previstas',
    scheduled: 'Previsto (h:mm)',
    lateMinutes: 'Retraso (minutos)',
    earlyLeaveMinutes: 'Salida anticipada (minutos)',
    overtimeHours: 'Horas extra',
    overtime: 'Horas extra (h:mm)',
    flags: 'Avisos',
    daysWorked: 'Días trabajados',
    absentDays: 'Días de ausencia',
    flaggedDays: 'Días por revisar',
    employeeCount: 'Empleados'
  },
  sheets: { punches: 'Fichajes', days: 'Días', totals: 'Totales', departments: 'Departamentos' },
  punchType: { 'check-in': 'Entrada', 'check-out': 'Salida', 'break-start': 'Inicio de pausa', 'break-end': 'Fin de pausa' },
  punchSource: { face: 'Rostro', pin: 'PIN', admin: 'Administración', import: 'Importación', system: 'Sistema' },
  flag: {
    'missing-check-out': 'Falta la salida',
    'missing-check-in': 'Falta la entrada',
    open: 'Turno abierto',
    late: 'Retraso',
    'early-leave': 'Salida anticipada',
    overtime: 'Horas extra',
    absent: 'Ausencia',
    unscheduled: 'Fuera de horario',
    corrected: 'Corregido',
    'break-open': 'Pausa sin terminar'
  },
  weekdays: ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'],
  yes: 'sí',
  no: 'no',
  revisionAction: { add: 'alta', edit: 'cambio', void: 'anulación' },
  by: 'por'
}

/** The labels of `language`. */
export function exportLabels(language: Language): ExportLabels {
  return language === 'es' ? es : en
}

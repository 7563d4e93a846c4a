/** Texts shared by several screens (English). */
export default {
  language: { en: 'English', es: 'Español' },
  actions: { save: 'Save', cancel: 'Cancel', close: 'Close', apply: 'Apply', previous: 'Previous', next: 'Next', download: 'Download' },
  punchType: { 'check-in': 'Check-in', 'check-out': 'Check-out', 'break-start': 'Break start', 'break-end': 'Break end' },
  punchSource: { face: 'Face', pin: 'PIN', admin: 'Admin', import: 'Import', system: 'System' }
}

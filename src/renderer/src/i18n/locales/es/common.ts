import type en from '../en/common'

/** Texts shared by several screens (Spanish). */
export default {
  language: { en: 'English', es: 'Español' },
  actions: { save: 'Guardar', cancel: 'Cancelar', close: 'Cerrar', apply: 'Aplicar', previous: 'Anterior', next: 'Siguiente', download: 'Descargar' },
  punchType: { 'check-in': 'Entrada', 'check-out': 'Salida', 'break-start': 'Inicio de pausa', 'break-end': 'Fin de pausa' },
  punchSource: { face: 'Rostro', pin: 'PIN', admin: 'Administración', import: 'Importación', system: 'Sistema' }
} satisfies typeof en

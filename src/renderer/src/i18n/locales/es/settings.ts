import type en from '../en/settings'

/** Texts of the admin settings: the Settings card and each kiosk's punch settings (Spanish). */
export default {
  title: 'Ajustes',
  loading: 'Cargando ajustes…',
  privacyTitle: 'Privacidad y sesiones',
  fields: {
    idleMinutes: { label: 'Cerrar la sesión de administración tras', unit: 'minutos inactiva', hint: '{range}. Corto es más seguro en una recepción compartida.' },
    punchRetentionDays: {
      label: 'Conservar los fichajes durante',
      unit: 'días',
      hint: '0 los conserva siempre; si no, al menos {min}. La normativa laboral suele pedir años.'
    },
    auditRetentionDays: { label: 'Conservar el registro de auditoría durante', unit: 'días', hint: 'Al menos {min}, para que siempre haya un rastro reciente de las acciones de administración.' },
    punchPhotoRetentionDays: { label: 'Conservar las fotos de fichaje durante', unit: 'días', hint: '{range}. Cuánto se guarda la foto tomada con un fichaje facial, si las fotos de fichaje están activadas.' },
    visitorRetentionDays: { label: 'Conservar los visitantes durante', unit: 'días', hint: 'Caras desconocidas registradas por la API; se borran tras este tiempo sin verse. 0 las conserva.' },
    apiPort: { label: 'Puerto', unit: '', hint: '{range}; por defecto, 5781.' },
    apiRatePerMinute: { label: 'Peticiones por minuto', unit: 'por clave', hint: '{range}. Las demás reciben 429 hasta que acabe el minuto.' },
    autoCloseHours: {
      label: 'Cerrar un turno abierto tras',
      unit: 'horas',
      hint: '{range}. Una entrada sin salida pasado este tiempo la cierra el sistema y queda marcada para revisar.'
    }
  },
  changeNames: {
    idleMinutes: 'minutos de inactividad',
    punchRetentionDays: 'conservación de fichajes',
    auditRetentionDays: 'conservación de auditoría',
    punchPhotoRetentionDays: 'conservación de fotos',
    visitorRetentionDays: 'conservación de visitantes',
    analyseEnabled: 'análisis facial',
    apiEnabled: 'API de integración',
    apiHost: 'dirección de la API',
    apiPort: 'puerto de la API',
    apiTlsCert: 'certificado TLS',
    apiTlsKey: 'clave TLS',
    apiRatePerMinute: 'peticiones por minuto de la API',
    autoCloseHours: 'horas para el cierre automático',
    punchPhotos: 'fotos de fichaje',
    language: 'idioma'
  },
  values: { on: 'activado', off: 'desactivado', none: 'ninguno' },
  attendanceTitle: 'Asistencia',
  language: {
    label: 'Idioma',
    hint: 'De los quioscos, de la administración y de las exportaciones. Cambia al guardar en esta pantalla; los quioscos lo siguen en menos de un minuto.'
  },
  punchPhotos: {
    label: 'Guardar una foto con cada fichaje facial',
    hint: 'Una foto pequeña de la cara tomada al fichar con la cara, para que un administrador pueda comprobar un fichaje dudoso. Las fotos se borran a los {days} días (ver «Conservar las fotos de fichaje durante»). Informe al personal antes de activarlo.'
  },
  analysis: {
    title: 'Análisis facial (edad, género, expresión)',
    label: 'Estimar edad, género y expresión',
    hint: 'Permite que las claves de API con el ámbito Identify pidan estas estimaciones de cada cara de una foto, hechas con los modelos propios de face-api. Son estimaciones, no identidad, y no se guarda nada; déjelo desactivado salvo que una integración lo necesite.'
  },
  api: {
    title: 'API de integración',
    enabled: 'Activar la API de integración',
    enabledHint: 'Desactivada: no escucha ninguna API REST, existan o no claves.',
    host: 'Dirección',
    hostHint: '127.0.0.1, por defecto, es solo este equipo; 0.0.0.0 son todas las interfaces de red.',
    cert: 'Archivo del certificado TLS',
    certHint: 'Ruta absoluta del certificado PEM (cadena). Vacío: HTTP sin cifrar, solo para 127.0.0.1.',
    key: 'Archivo de la clave privada TLS',
    keyHint: 'Ruta absoluta de la clave privada PEM del certificado.',
    tlsNote: 'Una dirección distinta de este equipo (127.0.0.1, localhost, ::1) necesita TLS: indique ambos archivos, para que las claves de API y las fotos nunca viajen sin cifrar por la red.'
  },
  errors: {
    wholeNumber: 'Introduzca un número entero',
    notValid: 'Este valor {message}',
    outOfRange: 'está fuera del rango',
    invalid: 'no es válido',
    hostEmpty: 'Introduzca una dirección, p. ej. 127.0.0.1 para este equipo solamente',
    needsTls: 'Esta dirección es accesible desde otros equipos: indique ambos archivos TLS o use 127.0.0.1'
  },
  notice: {
    nothing: 'No ha cambiado nada.',
    saved: 'Guardado: {changes}.'
  },
  save: 'Guardar ajustes',
  saving: 'Guardando…',
  undo: 'Deshacer cambios',
  kiosks: {
    punching: 'Fichaje',
    timeZone: 'Zona horaria',
    timeZoneHint: 'Las horas de este quiosco se muestran en esta zona, que decide también el día de cada fichaje.',
    timeZoneSearch: 'Buscar zonas horarias',
    timeZoneNone: 'Ninguna zona horaria coincide',
    punchChoice: 'Cómo se elige el tipo de fichaje',
    automatic: 'Automático',
    automaticHint: 'Según el último fichaje de la persona: entrada y después salida.',
    buttons: 'Botones',
    buttonsHint: 'Tras reconocer a la persona, el quiosco muestra unos segundos los botones Entrada / Salida / Pausa.',
    verifyMode: 'Modo verificación',
    verifyModeHint: 'Cada persona escribe primero su código de empleado; después su cara se compara solo con ese empleado (verificación 1:1).',
    liveness: 'Ataques con fotos y pantallas',
    livenessHint: 'Comprueba que ante el quiosco hay una persona real, no una foto ni la pantalla de un móvil, antes de fichar con la cara. A quien no la supera se le pide que mire a la cámara y parpadee, y el intento queda registrado.',
    livenessModes: { off: 'Desactivado', passive: 'Análisis de textura', active: 'Parpadeo o movimiento de cabeza', both: 'Ambos' },
    livenessThreshold: 'Umbral de puntuación de ataque',
    livenessThresholdHint: 'De 0,01 a 0,99; cuanto más bajo, más rechaza. Mida su propia cámara con npm run bench:pad.',
    verifyOn: 'verificación',
    edit: 'Editar',
    editLabel: 'Editar los ajustes de fichaje del quiosco {kiosk}',
    dialogTitle: 'Quiosco {kiosk}',
    dialogDescription: 'Cómo ficha este quiosco. Los quioscos aplican los cambios en menos de un minuto.',
    saved: 'Ajustes del quiosco «{kiosk}» guardados.',
    nothing: 'No ha cambiado nada.',
    sync: 'Sincronización',
    syncNone: 'No sincroniza',
    syncOutbox: 'ningún fichaje pendiente | 1 fichaje pendiente | {n} fichajes pendientes',
    syncVersion: 'versión {version}',
    syncLast: 'Última sincronización {time}',
    issueTitle: 'Quiosco en otro ordenador',
    issueHint: 'Emite una clave para un quiosco que se sincroniza con este servidor y sigue fichando cuando cae la red. La clave se muestra una sola vez: guárdela en el archivo de clave del quiosco (--kiosk-key-file).',
    issueName: 'Nombre del nuevo quiosco',
    issue: 'Emitir una clave de quiosco',
    issuing: 'Emitiendo…',
    issued: 'Clave del quiosco «{kiosk}» (solo se muestra ahora; revoque el quiosco para detenerlo):'
  }
} satisfies typeof en

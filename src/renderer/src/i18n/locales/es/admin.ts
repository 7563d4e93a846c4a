import type en from '../en/admin'

/** Texts of the admin frame and its people, today and audit lists (Spanish). */
export default {
  bar: {
    title: 'Administración de Clockface',
    session: 'Sesión',
    signedInAs: 'Sesión iniciada como',
    kiosk: 'Quiosco',
    leaveKiosk: 'Salir del modo quiosco',
    signOut: 'Cerrar sesión'
  },
  roles: { owner: 'Propietario', manager: 'Gestor' },
  engine: {
    unreachable: 'Servicio inaccesible',
    connecting: 'Motor facial: conectando…',
    loading: 'Motor facial: cargando {percent}%',
    error: 'Error del motor facial: {error}',
    ready: 'Motor facial listo ({backend})',
    unknown: 'desconocido',
    unknownBackend: 'backend desconocido'
  },
  exit: {
    title: 'Salir del modo quiosco',
    message: 'Clockface sale de pantalla completa y se cierra. Nadie puede fichar en este puesto hasta que se vuelva a iniciar.',
    confirm: 'Salir del modo quiosco'
  },
  refresh: 'Actualizar',
  employees: {
    title: 'Empleados',
    searchPlaceholder: 'Buscar código, nombre o departamento',
    searchLabel: 'Buscar empleados',
    add: 'Añadir empleado',
    caption: 'Empleados',
    empty: 'No se encontraron empleados.',
    columns: { toggle: 'Plantillas faciales', code: 'Código', name: 'Nombre', department: 'Departamento', templates: 'Plantillas', actions: 'Acciones' },
    showTemplates: 'Mostrar las plantillas faciales de {name}',
    pinChip: 'PIN',
    pinTitle: 'Puede fichar en el quiosco con código y PIN',
    edit: 'Editar',
    exportData: 'Exportar datos',
    exporting: 'Exportando…',
    exportLabel: 'Exportar todos los datos guardados sobre {name}',
    exportTitle: 'Todo lo guardado sobre esta persona, como archivo JSON (para una solicitud de acceso)',
    delete: 'Eliminar',
    loadingTemplates: 'Cargando plantillas…',
    noTemplates: 'Sin plantillas faciales: edite para añadir una foto.',
    templateAlt: 'Plantilla facial de {name} ({source})',
    removeTemplate: 'Quitar',
    removeTemplateLabel: 'Eliminar esta plantilla de {name}',
    templates: '{n} plantilla facial | {n} plantillas faciales',
    deleteTitle: 'Eliminar empleado',
    deleteMessage: '¿Eliminar a {name} ({code})? También se eliminarán sus {templates}, así que dejará de ser reconocido. Su historial de fichajes se conserva.',
    deleted: 'Se eliminó a {name} y {templates}',
    deletedErased: 'Se eliminó a {name} y {templates}, borrados de los archivos de datos',
    exported: 'Se exportó todo lo guardado sobre {name} como archivo JSON (vea sus descargas).'
  },
  today: {
    title: 'Fichajes de hoy',
    openLog: 'Abrir el registro de fichajes',
    caption: 'Fichajes de hoy, del más reciente al más antiguo',
    empty: 'Hoy no hay fichajes.',
    columns: { time: 'Hora', code: 'Código', name: 'Nombre', type: 'Tipo', distance: 'Distancia', kiosk: 'Quiosco' },
    distanceTitle: 'Distancia euclídea entre la cara y la plantilla más cercana (menor es más parecida)',
    pin: 'PIN',
    pinTitle: 'Fichado con código de empleado y PIN'
  },
  audit: {
    title: 'Registro de auditoría',
    caption: 'Acciones de administración, de la más reciente a la más antigua',
    empty: 'Aún no hay acciones de administración registradas.',
    columns: { time: 'Hora', who: 'Quién', channel: 'Canal', what: 'Qué', outcome: 'Resultado' },
    channels: { app: 'Aplicación', browser: 'Navegador', cli: 'Línea de comandos', api: 'API REST' },
    anonymous: 'Sin sesión',
    kioskActor: 'Quiosco {id}',
    localActor: '{name} (línea de comandos)',
    ok: 'OK'
  }
} satisfies typeof en

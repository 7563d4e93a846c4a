/** Texts of the admin frame and its people, today and audit lists (English). */
export default {
  bar: {
    title: 'Clockface admin',
    session: 'Session',
    signedInAs: 'Signed in as',
    kiosk: 'Kiosk',
    leaveKiosk: 'Leave kiosk mode',
    signOut: 'Sign out'
  },
  roles: { owner: 'Owner', manager: 'Manager' },
  engine: {
    unreachable: 'Service unreachable',
    connecting: 'Face engine: connecting…',
    loading: 'Face engine: loading {percent}%',
    error: 'Face engine error: {error}',
    ready: 'Face engine ready ({backend})',
    unknown: 'unknown',
    unknownBackend: 'unknown backend'
  },
  exit: {
    title: 'Leave kiosk mode',
    message: 'Clockface leaves full screen and closes. Nobody can check in at this desk until it is started again.',
    confirm: 'Leave kiosk mode'
  },
  refresh: 'Refresh',
  employees: {
    title: 'Employees',
    searchPlaceholder: 'Search code, name or department',
    searchLabel: 'Search employees',
    add: 'Add employee',
    caption: 'Employees',
    empty: 'No employees found.',
    columns: { toggle: 'Face templates', code: 'Code', name: 'Name', department: 'Department', templates: 'Templates', actions: 'Actions' },
    showTemplates: 'Show face templates of {name}',
    pinChip: 'PIN',
    pinTitle: 'Can punch at the kiosk with code and PIN',
    edit: 'Edit',
    exportData: 'Export data',
    exporting: 'Exporting…',
    exportLabel: 'Export all data stored about {name}',
    exportTitle: 'Everything stored about this person, as a JSON file (for an access request)',
    delete: 'Delete',
    loadingTemplates: 'Loading templates…',
    noTemplates: 'No face templates — edit to add a photo.',
    templateAlt: 'Face template of {name} ({source})',
    removeTemplate: 'Remove',
    removeTemplateLabel: 'Delete this template of {name}',
    templates: '{n} face template | {n} face templates',
    deleteTitle: 'Delete employee',
    deleteMessage: 'Delete {name} ({code})? Their {templates} will be deleted too, so they will no longer be recognised. Their attendance history is kept.',
    deleted: 'Deleted {name} and {templates}',
    deletedErased: 'Deleted {name} and {templates}, erased from the data files',
    exported: 'Exported everything stored about {name} as a JSON file (see your downloads).'
  },
  today: {
    title: "Today's attendance",
    openLog: 'Open the attendance log',
    caption: "Today's punches, newest first",
    empty: 'No punches today.',
    columns: { time: 'Time', code: 'Code', name: 'Name', type: 'Type', distance: 'Distance', kiosk: 'Kiosk' },
    distanceTitle: 'Euclidean distance between the probe and the nearest template (lower is more alike)',
    pin: 'PIN',
    pinTitle: 'Punched with employee code and PIN'
  },
  audit: {
    title: 'Audit log',
    caption: 'Admin actions, newest first',
    empty: 'No admin actions recorded yet.',
    columns: { time: 'Time', who: 'Who', channel: 'Channel', what: 'What', outcome: 'Outcome' },
    channels: { app: 'App', browser: 'Browser', cli: 'Command line', api: 'REST API' },
    anonymous: 'Not signed in',
    kioskActor: 'Kiosk {id}',
    localActor: '{name} (command line)',
    ok: 'OK'
  }
}

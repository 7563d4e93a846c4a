/** Texts of the admin settings: the Settings card and each kiosk's punch settings (English). */
export default {
  title: 'Settings',
  loading: 'Loading settings…',
  privacyTitle: 'Privacy and sessions',
  fields: {
    idleMinutes: { label: 'Sign admins out after', unit: 'minutes idle', hint: '{range}. Short is safer on a shared front desk.' },
    punchRetentionDays: {
      label: 'Keep punches for',
      unit: 'days',
      hint: '0 keeps them for ever; otherwise at least {min}. Working-time law often asks for years.'
    },
    auditRetentionDays: { label: 'Keep the audit log for', unit: 'days', hint: 'At least {min}, so there is always a recent trail of admin actions.' },
    punchPhotoRetentionDays: { label: 'Keep punch snapshots for', unit: 'days', hint: '{range}. How long the snapshot taken with a face punch is kept, when punch snapshots are on.' },
    visitorRetentionDays: { label: 'Keep visitors for', unit: 'days', hint: 'Unknown faces registered through the API, removed once not seen for this long; 0 keeps them.' },
    apiPort: { label: 'Port', unit: '', hint: '{range}; the default is 5781.' },
    apiRatePerMinute: { label: 'Requests per minute', unit: 'per key', hint: '{range}. More answer 429 until the minute is over.' },
    autoCloseHours: {
      label: 'Close a shift left open after',
      unit: 'hours',
      hint: '{range}. A check-in with no check-out this long after it is closed by the system and flagged for review.'
    }
  },
  changeNames: {
    idleMinutes: 'idle minutes',
    punchRetentionDays: 'punch retention',
    auditRetentionDays: 'audit retention',
    punchPhotoRetentionDays: 'snapshot retention',
    visitorRetentionDays: 'visitor retention',
    analyseEnabled: 'face analysis',
    apiEnabled: 'integration API',
    apiHost: 'API address',
    apiPort: 'API port',
    apiTlsCert: 'TLS certificate',
    apiTlsKey: 'TLS key',
    apiRatePerMinute: 'API requests per minute',
    autoCloseHours: 'auto-close after hours',
    punchPhotos: 'punch snapshots',
    language: 'language'
  },
  values: { on: 'on', off: 'off', none: 'none' },
  attendanceTitle: 'Attendance',
  language: {
    label: 'Language',
    hint: 'Of the kiosk and admin screens and of exports. Changes at once on this screen when saved; kiosks follow within a minute.'
  },
  punchPhotos: {
    label: 'Keep a snapshot with each face punch',
    hint: 'A small photo of the face taken when someone punches with their face, so an admin can check a doubtful punch. Snapshots are removed after {days} days (see “Keep punch snapshots for”). Tell staff before turning this on.'
  },
  analysis: {
    title: 'Face analysis (age, gender, expression)',
    label: 'Estimate age, gender and expression',
    hint: 'Lets API keys with the Identify scope ask for these estimates of each face in a photo, made by face-api’s own models. They are estimates, not identity, and nothing is stored; leave off unless an integration needs them.'
  },
  api: {
    title: 'Integration API',
    enabled: 'Run the integration API',
    enabledHint: 'Off: no REST API listens, whatever keys exist.',
    host: 'Address',
    hostHint: '127.0.0.1, the default, is this computer only; 0.0.0.0 is every network interface.',
    cert: 'TLS certificate file',
    certHint: 'Absolute path of the PEM certificate (chain). Empty: plain HTTP, for 127.0.0.1 only.',
    key: 'TLS private key file',
    keyHint: 'Absolute path of the PEM private key that belongs to the certificate.',
    tlsNote: 'An address other than this computer (127.0.0.1, localhost, ::1) needs TLS: enter both files, so API keys and photos never cross the network unencrypted.'
  },
  errors: {
    wholeNumber: 'Enter a whole number',
    notValid: 'This {message}',
    outOfRange: 'is out of range',
    invalid: 'is not valid',
    hostEmpty: 'Enter an address, e.g. 127.0.0.1 for this computer only',
    needsTls: 'This address is reachable from other machines: enter both TLS files below, or use 127.0.0.1'
  },
  notice: {
    nothing: 'Nothing changed.',
    saved: 'Saved: {changes}.'
  },
  save: 'Save settings',
  saving: 'Saving…',
  undo: 'Undo changes',
  kiosks: {
    punching: 'Punching',
    timeZone: 'Time zone',
    timeZoneHint: 'Times on this kiosk are shown in this zone, and it decides the day each punch counts for.',
    timeZoneSearch: 'Search time zones',
    timeZoneNone: 'No time zone matches',
    punchChoice: 'How people pick the punch',
    automatic: 'Automatic',
    automaticHint: 'From the person’s last punch: check-in, then check-out.',
    buttons: 'Buttons',
    buttonsHint: 'After recognition the kiosk shows In / Out / Break buttons for a few seconds.',
    verifyMode: 'Verify mode',
    verifyModeHint: 'People type their employee code first; the face is then checked against that employee only (1:1 verification).',
    liveness: 'Photo and screen attacks',
    livenessHint: 'Checks that a real person, not a photo or a phone screen, stands at the kiosk before a face punch. Someone who fails is asked to look at the camera and blink, and the attempt is logged.',
    livenessModes: { off: 'Off', passive: 'Texture check', active: 'Blink or head movement', both: 'Both' },
    livenessThreshold: 'Attack score threshold',
    livenessThresholdHint: 'From 0.01 to 0.99; lower refuses more. Measure your own camera with npm run bench:pad.',
    verifyOn: 'verify',
    edit: 'Edit',
    editLabel: 'Edit the punch settings of kiosk {kiosk}',
    dialogTitle: 'Kiosk {kiosk}',
    dialogDescription: 'How this kiosk punches people. Kiosks pick up changes within a minute.',
    saved: 'Saved the settings of kiosk “{kiosk}”.',
    nothing: 'Nothing changed.',
    sync: 'Sync',
    syncNone: 'Not syncing',
    syncOutbox: 'no punches waiting | 1 punch waiting | {n} punches waiting',
    syncVersion: 'version {version}',
    syncLast: 'Last synced {time}',
    issueTitle: 'Kiosk on another computer',
    issueHint: 'Issues a key for a kiosk that syncs with this server and keeps punching when the network drops. The key is shown once: put it in the kiosk’s key file (--kiosk-key-file).',
    issueName: 'Name of the new kiosk',
    issue: 'Issue a kiosk key',
    issuing: 'Issuing…',
    issued: 'Key of kiosk “{kiosk}” (shown only now; revoke the kiosk to stop it):'
  }
}

/** Texts of the kiosk screens (English). */
export default {
  greeting: {
    morning: 'Good morning, {name}',
    afternoon: 'Good afternoon, {name}',
    evening: 'Good evening, {name}',
    breakStart: 'Enjoy your break, {name}',
    breakEnd: 'Welcome back, {name}'
  },
  punched: {
    'check-in': 'Checked in {time}',
    'check-out': 'Checked out {time}',
    'break-start': 'Break started {time} — enjoy',
    'break-end': 'Break ended {time}'
  },
  notRecognised: 'Not recognised',
  lookAndBlink: 'Look at the camera and blink',
  latest: {
    title: 'Latest check-ins',
    empty: 'No punches yet today'
  },
  clock: {
    label: 'Time at this kiosk ({zone})'
  },
  footer: {
    perFrame: '{ms} ms / frame',
    diagnostics: 'overlay {fps} frames/s · lag {ms} ms',
    signOut: 'Sign out {user}',
    signedInTitle: '{user} is signed in as admin on this screen',
    admin: 'Admin'
  },
  panel: {
    unreachable: 'Cannot reach the Clockface service',
    retrying: 'Retrying…',
    starting: 'Starting…',
    notRegistered: 'This screen is not set up as a kiosk',
    notRegisteredAdmin: 'Register it under "This screen" in Admin, and it starts checking people in and out.',
    notRegisteredGuest: 'An admin signs in once and registers this screen; from then on it checks people in and out.',
    setUp: 'Set up this screen',
    signInToSetUp: 'Sign in to set it up',
    cameraDenied: 'Camera blocked',
    cameraMissing: 'No camera',
    cameraEnded: 'Camera stopped',
    retry: 'Retry',
    engineFailed: 'The face engine failed to start',
    engineLoading: 'Loading face models… {percent}%',
    cameraStarting: 'Starting camera…'
  },
  choice: {
    title: '{name}, what are you punching?',
    hint: 'Choose within {seconds} s',
    group: 'Punch type',
    suggested: 'suggested',
    expired: 'Nothing punched — time ran out',
    failed: 'Nothing punched: {reason}'
  },
  verify: {
    title: 'Enter your employee code',
    hint: 'Then look at the camera: your face is checked against that employee only.',
    codeLabel: 'Employee code',
    invalidCode: 'Employee codes use letters, digits, ".", "_" and "-" (up to 32)',
    keypad: 'Keypad for the employee code',
    letters: 'ABC',
    digits: '123',
    showLetters: 'Show letter keys',
    showDigits: 'Show digit keys',
    back: 'Delete last character',
    clear: 'Clear the code',
    clearLabel: 'Clear',
    go: 'Continue',
    looking: 'Look at the camera, {code}',
    lookingHint: 'Checking your face… {seconds} s',
    cancel: 'Cancel',
    noMatch: 'Your face did not match employee {code}',
    noFace: 'No face was seen',
    noMatchHint: 'Try again, or punch with your PIN instead.',
    retry: 'Try again',
    otherCode: 'Another code'
  },
  pinFallback: {
    title: 'Having trouble being recognised?',
    action: 'Use PIN'
  },
  pin: {
    open: 'Punch with PIN',
    title: 'Punch with PIN',
    code: 'Employee code',
    pin: 'PIN',
    keypad: 'Keypad, typing into {field}',
    keypadCode: 'employee code',
    keypadPin: 'PIN',
    back: 'Delete last digit',
    clear: 'Clear field',
    clearLabel: 'Clear',
    cancel: 'Cancel',
    submit: 'Punch',
    checking: 'Checking…',
    enterCode: 'Enter your employee code',
    enterPin: 'Enter your PIN (4 to 8 digits)',
    wrong: 'Wrong employee code or PIN.',
    lockedOut: 'Too many wrong PINs for this code. Try again in {minutes} minutes, or ask an admin.',
    lockedOutSoon: 'Too many wrong PINs for this code. Try again in a minute, or ask an admin.'
  }
}

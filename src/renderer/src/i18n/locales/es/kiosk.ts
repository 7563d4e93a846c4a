import type en from '../en/kiosk'

/** Texts of the kiosk screens (Spanish). */
export default {
  greeting: {
    morning: 'Buenos días, {name}',
    afternoon: 'Buenas tardes, {name}',
    evening: 'Buenas noches, {name}',
    breakStart: 'Disfruta la pausa, {name}',
    breakEnd: 'Hola de nuevo, {name}'
  },
  punched: {
    'check-in': 'Entrada registrada {time}',
    'check-out': 'Salida registrada {time}',
    'break-start': 'Pausa iniciada {time} — disfrútala',
    'break-end': 'Pausa terminada {time}'
  },
  notRecognised: 'No reconocido',
  lookAndBlink: 'Mire a la cámara y parpadee',
  latest: {
    title: 'Últimos fichajes',
    empty: 'Aún no hay fichajes hoy'
  },
  clock: {
    label: 'Hora en este quiosco ({zone})'
  },
  footer: {
    perFrame: '{ms} ms / fotograma',
    diagnostics: 'superposición {fps} fotogramas/s · retraso {ms} ms',
    signOut: 'Cerrar la sesión de {user}',
    signedInTitle: '{user} tiene abierta una sesión de administración en esta pantalla',
    admin: 'Administración'
  },
  panel: {
    unreachable: 'No se puede conectar con el servicio Clockface',
    retrying: 'Reintentando…',
    starting: 'Iniciando…',
    notRegistered: 'Esta pantalla no está configurada como quiosco',
    notRegisteredAdmin: 'Regístrela en "Esta pantalla" de Administración y empezará a registrar entradas y salidas.',
    notRegisteredGuest: 'Un administrador inicia sesión una vez y registra esta pantalla; desde entonces registra entradas y salidas.',
    setUp: 'Configurar esta pantalla',
    signInToSetUp: 'Iniciar sesión para configurarla',
    cameraDenied: 'Cámara bloqueada',
    cameraMissing: 'No hay cámara',
    cameraEnded: 'La cámara se detuvo',
    retry: 'Reintentar',
    engineFailed: 'El motor facial no pudo arrancar',
    engineLoading: 'Cargando modelos faciales… {percent} %',
    cameraStarting: 'Iniciando la cámara…'
  },
  choice: {
    title: '{name}, ¿qué quieres fichar?',
    hint: 'Elige en {seconds} s',
    group: 'Tipo de fichaje',
    suggested: 'sugerido',
    expired: 'No se ha fichado nada: se acabó el tiempo',
    failed: 'No se ha fichado nada: {reason}'
  },
  verify: {
    title: 'Introduce tu código de empleado',
    hint: 'Después mira a la cámara: tu cara se compara solo con ese empleado.',
    codeLabel: 'Código de empleado',
    invalidCode: 'Los códigos de empleado usan letras, dígitos, ".", "_" y "-" (hasta 32)',
    keypad: 'Teclado para el código de empleado',
    letters: 'ABC',
    digits: '123',
    showLetters: 'Mostrar las letras',
    showDigits: 'Mostrar los dígitos',
    back: 'Borrar el último carácter',
    clear: 'Borrar el código',
    clearLabel: 'Borrar',
    go: 'Continuar',
    looking: 'Mira a la cámara, {code}',
    lookingHint: 'Comprobando tu cara… {seconds} s',
    cancel: 'Cancelar',
    noMatch: 'Tu cara no coincide con el empleado {code}',
    noFace: 'No se ha visto ninguna cara',
    noMatchHint: 'Inténtalo de nuevo o ficha con tu PIN.',
    retry: 'Reintentar',
    otherCode: 'Otro código'
  },
  pinFallback: {
    title: '¿Problemas para que te reconozca?',
    action: 'Usar PIN'
  },
  pin: {
    open: 'Fichar con PIN',
    title: 'Fichar con PIN',
    code: 'Código de empleado',
    pin: 'PIN',
    keypad: 'Teclado, escribiendo en {field}',
    keypadCode: 'código de empleado',
    keypadPin: 'PIN',
    back: 'Borrar el último dígito',
    clear: 'Borrar el campo',
    clearLabel: 'Borrar',
    cancel: 'Cancelar',
    submit: 'Fichar',
    checking: 'Comprobando…',
    enterCode: 'Introduce tu código de empleado',
    enterPin: 'Introduce tu PIN (de 4 a 8 dígitos)',
    wrong: 'Código de empleado o PIN incorrecto.',
    lockedOut: 'Demasiados PIN incorrectos para este código. Inténtalo de nuevo en {minutes} minutos o avisa a un administrador.',
    lockedOutSoon: 'Demasiados PIN incorrectos para este código. Inténtalo de nuevo en un minuto o avisa a un administrador.'
  }
} satisfies typeof en

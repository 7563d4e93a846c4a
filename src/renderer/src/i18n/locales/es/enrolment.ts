import type en from '../en/enrolment'

/** Texts of the guided camera enrolment in the employee form (Spanish). */
export default {
  start: 'Captura guiada (3–4 fotos)',
  hint: 'Toma una foto mirando de frente, luego girando un poco a la izquierda y a la derecha (y, si se quiere, un poco hacia arriba), cada una en cuanto la cara se ve bien.',
  title: 'Captura guiada',
  stepOf: 'Paso {n} de {total}',
  prompts: {
    straight: 'Mire de frente a la cámara',
    left: 'Gire un poco la cabeza hacia su izquierda',
    right: 'Gire un poco la cabeza hacia su derecha',
    up: 'Levante un poco la cabeza'
  },
  stepNames: { straight: 'De frente', left: 'Izquierda', right: 'Derecha', up: 'Arriba' },
  optional: 'opcional',
  holdStill: 'Bien — no se mueva…',
  looking: 'Buscando una cara…',
  captureNow: 'Tomar foto ahora',
  captureNowHint: 'Toma la imagen actual para este paso aunque no se alcance la postura (la luz, el enfoque y el tamaño deben ser buenos).',
  skip: 'Omitir este paso',
  stop: 'Detener',
  restart: 'Empezar de nuevo',
  done: 'Aún no hay fotos | 1 foto tomada | {n} fotos tomadas',
  doneHint: 'Se guardan con el empleado al pulsar Guardar.',
  thumbAlt: 'Captura guiada: {step}',
  engineError: 'El motor facial no respondió: {error}',
  refused: 'Se rechazó una foto: {reasons}.',
  partial: 'Se añadió a {name} con {saved} de {total} fotos; {reasons}',
  issues: {
    noFace: 'Colóquese delante de la cámara',
    multipleFaces: 'Solo una persona a la vista, por favor',
    tooSmall: 'Acérquese a la cámara',
    tooDark: 'Demasiado oscuro — ponga luz delante de usted',
    tooBright: 'Demasiado claro — apártese de la luz directa',
    blurred: 'No se mueva — la imagen está borrosa',
    eyesClosed: 'Abra los ojos',
    headTilted: 'Mantenga la cabeza recta',
    lookStraight: 'Mire de frente a la cámara',
    lookLevel: 'No incline la cabeza hacia arriba ni hacia abajo',
    turnLeftMore: 'Gire un poco más hacia su izquierda',
    turnRightMore: 'Gire un poco más hacia su derecha',
    turnLess: 'No tanto — gire un poco hacia atrás',
    lookUpMore: 'Levante la cabeza un poco más'
  }
} satisfies typeof en

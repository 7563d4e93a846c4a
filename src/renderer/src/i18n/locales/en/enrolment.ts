/** Texts of the guided camera enrolment in the employee form (English). */
export default {
  start: 'Guided capture (3–4 photos)',
  hint: 'Takes a photo looking straight, then turned slightly left and right (and optionally slightly up), each as soon as the face is good enough.',
  title: 'Guided capture',
  stepOf: 'Step {n} of {total}',
  prompts: {
    straight: 'Look straight at the camera',
    left: 'Turn your head slightly to your left',
    right: 'Turn your head slightly to your right',
    up: 'Tilt your head slightly up'
  },
  stepNames: { straight: 'Straight', left: 'Left', right: 'Right', up: 'Up' },
  optional: 'optional',
  holdStill: 'Good — hold still…',
  looking: 'Looking for a face…',
  captureNow: 'Take photo now',
  captureNowHint: 'Takes the current picture for this step even if the pose is not reached (light, focus and size must still be good).',
  skip: 'Skip this step',
  stop: 'Stop',
  restart: 'Start again',
  done: 'No photos yet | 1 photo taken | {n} photos taken',
  doneHint: 'They are saved with the employee when you press Save.',
  thumbAlt: 'Guided capture: {step}',
  engineError: 'The face engine did not answer: {error}',
  refused: 'A photo was refused: {reasons}.',
  partial: 'Added {name} with {saved} of {total} photos; {reasons}',
  issues: {
    noFace: 'Step in front of the camera',
    multipleFaces: 'Only one person in view, please',
    tooSmall: 'Move closer to the camera',
    tooDark: 'Too dark — add light in front of you',
    tooBright: 'Too bright — move out of direct light',
    blurred: 'Hold still — the picture is blurred',
    eyesClosed: 'Open your eyes',
    headTilted: 'Keep your head level',
    lookStraight: 'Look straight at the camera',
    lookLevel: 'Do not tilt your head up or down',
    turnLeftMore: 'Turn a little more to your left',
    turnRightMore: 'Turn a little more to your right',
    turnLess: 'Not so far — turn back a little',
    lookUpMore: 'Tilt your head up a little more'
  }
}

/**
 * The consent text an employee is shown before their face is enrolled, and its version. Main
 * checks the version an enrolment request names against {@link CONSENT_TEXT_VERSION} and
 * records it on the employee; the renderer and the CLI show this same text, so what was shown
 * and what was recorded cannot drift apart.
 *
 * Change the version whenever the text changes in substance (what is stored, why, for how
 * long, who sees it), e.g. when the kiosk starts keeping snapshots of suspected attacks:
 * consent recorded under an older version then says so.
 */

/** Version of {@link CONSENT_TEXT}, recorded with each consent (`Consent.textVersion`). */
export const CONSENT_TEXT_VERSION = '2'

/** Title of the consent text, for a dialog or a heading. */
export const CONSENT_TITLE = 'Face recognition for attendance: your consent'

/**
 * The consent text, plain language, paragraphs separated by blank lines. The operator shows
 * it to the employee (screen or print-out) and confirms in the enrolment request that the
 * employee agreed to it.
 */
export const CONSENT_TEXT = `Clockface, the attendance kiosk here, can recognise your face so that you check in and out by looking at its camera.

What is stored: for each enrolment photo, a face template (192 numbers computed from your face) and two small pictures of your face: one shown to administrators, one kept so that the template can be computed again when the recognition software is updated, without photographing you again. They are kept on this computer only. The kiosk does not keep camera pictures of people who walk past.

What it is for: only to recognise you at the kiosk and to record your check-ins and check-outs. Your face data is not used for anything else and is not given to anyone.

How long: for as long as you are enrolled. Your face templates and pictures are erased when you leave, when you withdraw your consent, or whenever you ask an administrator. Your attendance records are kept for as long as the law on working-time records requires.

Your choice: you can say no. You can then check in and out with your employee code and a PIN instead, and saying no has no other consequence. You can ask at any time for a copy of everything stored about you.`

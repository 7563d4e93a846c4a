/**
 * Consent at enrolment: no face is stored unless the operator confirms that the employee agreed
 * to the current consent text (shared/consent-text.ts). What is recorded on the employee says
 * who confirmed it, when and which text it was.
 */
import type { z } from 'zod'
import type { consentInputSchema } from '../../../shared/contract'
import { CONSENT_TEXT_VERSION } from '../../../shared/consent-text'
import { ClockfaceError } from '../../../shared/errors'
import type { Consent } from '../../../shared/models'
import { actorOf, type CallContext } from '../../dispatch/call-context'

/** The consent field of an enrolment request, as validated. */
export type ConsentInput = z.output<typeof consentInputSchema>

/**
 * Checks the consent of an enrolment request before anything slow or stored happens: raises
 * `invalid-input` (details: the field, like a validation issue, so the audit entry names it)
 * when it is missing or names another version than {@link CONSENT_TEXT_VERSION}.
 */
export function requireConsent(consent: ConsentInput | undefined): void {
  if (consent === undefined) {
    throw new ClockfaceError(
      'invalid-input',
      `A face can only be enrolled with the employee's consent: show them the consent text (version ${CONSENT_TEXT_VERSION}) and confirm that they agreed.`,
      [{ path: ['consent'], message: 'required to enrol a face' }]
    )
  }
  if (consent.textVersion !== CONSENT_TEXT_VERSION) {
    throw new ClockfaceError(
      'invalid-input',
      `The consent given is for version ${consent.textVersion} of the consent text, but the current version is ${CONSENT_TEXT_VERSION}: show the employee the current text and confirm again.`,
      [{ path: ['consent', 'textVersion'], message: `must be ${CONSENT_TEXT_VERSION}` }]
    )
  }
}

/**
 * The consent record to store on the employee: the admin who confirmed it (their username,
 * `local:<user>` for the CLI), `now` in UTC and the version. Raises like {@link requireConsent}.
 */
export function consentRecord(consent: ConsentInput | undefined, ctx: CallContext, now: Date): Consent {
  requireConsent(consent)
  return { recordedBy: actorOf(ctx), recordedAt: now.toISOString(), textVersion: CONSENT_TEXT_VERSION }
}

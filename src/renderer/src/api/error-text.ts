/**
 * Friendly sentences for the error codes of the contract (src/shared/errors.ts), as forms and
 * state panels show them. Pure; unit-tested in test/unit/renderer-error-text.test.ts.
 */
import type { OperationError } from '../../../shared/errors'

/** What a person at the screen should read for a failed operation. */
export function friendlyError(error: OperationError): string {
  switch (error.code) {
    case 'no-face':
      return 'No face found in this photo'
    case 'multiple-faces':
      return 'More than one face in this photo — use a photo of just this person'
    case 'unreadable-image':
      return 'This photo could not be read — use a JPEG, PNG or WebP image'
    case 'unsupported-image':
      return 'This file is not a photo Clockface reads — use a JPEG, PNG or WebP image'
    case 'too-large':
      return `This file is too large: ${error.message}`
    case 'duplicate-code':
      return 'Employee code already exists'
    case 'duplicate-face':
      return `This face is already enrolled for someone else: ${error.message}`
    case 'face-mismatch':
      return `This face does not match the faces already enrolled for this employee: ${error.message}`
    case 'unauthorized':
      return error.message
    case 'forbidden':
      return `Not allowed: ${error.message}`
    case 'locked-out':
      return error.message
    case 'busy':
      return 'Clockface is busy — try again in a moment'
    case 'timeout':
      return 'This took too long — try again'
    case 'read-only':
      return `Changes are paused because a data file is damaged: ${error.message}`
    case 'not-found':
      return 'This employee or template no longer exists — reload the list'
    case 'invalid-input':
      return `Please check the form: ${error.message}`
    case 'engine-unavailable':
      return `The face engine is not available: ${error.message}`
    case 'store-error':
      return `Could not save the data: ${error.message}`
    case 'internal':
      return `Something went wrong: ${error.message}`
  }
}

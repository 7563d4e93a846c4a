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
    case 'duplicate-code':
      return 'Employee code already exists'
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

/** Enrolment quality gates, shared by the renderer (live guidance) and main (the checks that decide). */
export * from './grey-image'
export * from './measures'
export * from './face-measures'
export * from './thresholds'
export * from './gates'
export * from './enrolment-steps'

/** Texts of the admin "Recognition" card: the calibration report and the recognition settings (English). */
export default {
  title: 'Recognition',
  refresh: 'Refresh',
  loading: 'Loading the calibration report…',
  readOnly: 'Only an owner can change these settings.',
  unresolved: 'below what the benchmark resolves',
  model: 'Faces are compared with {name} (model {id}), by Euclidean distance between unit-length descriptors: the smaller, the more alike.',
  calibration: 'Its rates come from the benchmark {protocol}: {genuine} same-person and {impostor} different-person pairs, measured on {date}.',
  migration: {
    running: 'Updating {total} face templates for the new recognition model: {done} of {total}.',
    progress: 'Face templates updated',
    failed: 'One template could not be recomputed: enrol that person again. | {n} templates could not be recomputed: enrol those people again.',
    error: 'Updating the face templates stopped: {reason}'
  },
  figures: {
    threshold: 'Match threshold (1:1 verification)',
    isDefault: "the model's default",
    default: "model's default {value}",
    farFrr: 'On the benchmark: false accepts (FAR) {far}, false rejects (FRR) {frr}.',
    identification: 'Threshold 1:N uses with nobody enrolled | Threshold 1:N uses with {persons} person enrolled | Threshold 1:N uses with {persons} people enrolled',
    target: 'for a target FPIR of {fpir}',
    expected: 'Expected false-positive identification rate (FPIR) {fpir}; false rejects (FRR) {frr}.',
    margin: 'Ambiguity margin',
    marginHint: 'Nobody is named when the second-nearest person is closer than this to the nearest.'
  },
  chart: {
    title: 'False accepts and false rejects against the threshold',
    summary: 'Line chart of the benchmark: the false-accept rate (FAR) rises and the false-reject rate (FRR) falls as the threshold grows; the threshold in force is {threshold}. The same figures are in the table that follows.',
    tableCaption: 'False-accept and false-reject rates on the benchmark by threshold',
    distance: 'Threshold (distance)',
    rate: 'Rate (log scale)',
    far: 'False accepts (FAR)',
    frr: 'False rejects (FRR)',
    current: 'Threshold in force {value}',
    identification: '1:N threshold {value}',
    draft: 'Trying {value}'
  },
  form: {
    title: 'Change the recognition settings',
    threshold: 'Match threshold',
    thresholdHint: '{range}. Lower names fewer strangers but asks staff to look again more often.',
    useDefault: "Use the model's default ({value})",
    targetFpir: 'Target FPIR',
    targetFpirHint: '{range} %. The largest share of strangers 1:N may give a name to; the threshold tightens as more people are enrolled to keep it.',
    margin: 'Ambiguity margin',
    marginHint: '{range}. Larger refuses more close calls between two people.',
    save: 'Save recognition settings',
    saving: 'Saving…',
    undo: 'Undo changes'
  },
  preview: {
    title: 'What these values would do',
    far: 'Threshold {value}: false accepts (FAR) {from} → {to}',
    frr: 'False rejects (FRR) {from} → {to}',
    fpir: '1:N with nobody enrolled: threshold {threshold}, expected FPIR {from} → {to} | 1:N with {persons} person enrolled: threshold {threshold}, expected FPIR {from} → {to} | 1:N with {persons} people enrolled: threshold {threshold}, expected FPIR {from} → {to}',
    note: 'Read off the benchmark curve; nothing changes until you save.',
    idle: 'Move the threshold or change the target FPIR to see what it would do before saving.'
  },
  errors: {
    range: 'Enter a number from {range}.'
  },
  notice: {
    saved: 'Recognition settings saved; the figures above are the ones now in force.',
    nothing: 'Nothing changed.'
  }
}

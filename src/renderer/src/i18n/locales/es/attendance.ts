import type en from '../en/attendance'

/** Texts of the attendance screens (Spanish). */
export default {} satisfies typeof en

import type en from '../en/kiosk'

/** Texts of the kiosk screens (Spanish). */
export default {} satisfies typeof en

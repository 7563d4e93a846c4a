/** Texts of the kiosk screens (English). */
export default {}

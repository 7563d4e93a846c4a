/** Texts of the attendance screens (English). */
export default {}

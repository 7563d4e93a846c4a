/** English messages, one module per area of the app. */
import attendance from './attendance'
import common from './common'
import kiosk from './kiosk'

export default { common, attendance, kiosk }

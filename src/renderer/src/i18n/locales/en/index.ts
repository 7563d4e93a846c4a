/** English messages, one module per area of the app. */
import attendance from './attendance'
import common from './common'
import kiosk from './kiosk'
import settings from './settings'

export default { common, attendance, kiosk, settings }

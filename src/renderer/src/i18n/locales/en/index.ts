/** English messages, one module per area of the app. */
import admin from './admin'
import attendance from './attendance'
import common from './common'
import kiosk from './kiosk'
import settings from './settings'

export default { common, admin, attendance, kiosk, settings }

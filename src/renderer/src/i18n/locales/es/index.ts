/** Spanish messages, one module per area of the app; the type keeps them in step with English. */
import type en from '../en'
import admin from './admin'
import attendance from './attendance'
import common from './common'
import enrolment from './enrolment'
import kiosk from './kiosk'
import recognition from './recognition'
import settings from './settings'

export default { common, admin, attendance, kiosk, settings, recognition, enrolment } satisfies typeof en

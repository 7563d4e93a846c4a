/**
 * The admin's view of the data files: whether the store is read-only because a file is
 * damaged (which file, which lines, where the copy is), the owner's repair ("drop the damaged
 * lines") and an immediate backup.
 */
import type { OperationResponse, ValidatedRequest } from '../../shared/contract'
import { ClockfaceError } from '../../shared/errors'
import type { CallContext } from '../dispatch/call-context'
import type { OperationHandlers } from '../dispatch/dispatch'
import { backupInto, defaultBackupDir, newestBackupTime } from '../store/backup-schedule'
import type { StoreFileName } from '../store/folder-layout'
import type { ClockfaceStore } from '../store/store-types'

/** The data files the contract's `repairDataFile` accepts are exactly the store's (checked at compile time both ways). */
type RepairableFile = ValidatedRequest<'repairDataFile'>['file']
const sameFiles: [RepairableFile, StoreFileName] extends [StoreFileName, RepairableFile] ? true : never = true
void sameFiles

/** What {@link createDataHealthHandlers} needs besides the store. */
export interface DataHealthOptions {
  /** Folder of the backups (default: `<dataDir>/backups`, where the daily schedule writes). */
  backupDir?: string
  /** The clock (default: the system's). */
  now?: () => Date
}

/** The three handlers, as create-services.ts wires them. */
export type DataHealthHandlers = Pick<OperationHandlers, 'getDataHealth' | 'repairDataFile' | 'createBackup'>

/**
 * Handlers of `getDataHealth` (admin), `repairDataFile` and `createBackup` (owner; both
 * audited by the dispatch middleware) over the open store. `repairDataFile` raises
 * `not-found` for a file that is not damaged and `store-error` when it cannot be rewritten;
 * `createBackup` raises `read-only` while a file is damaged and `store-error`.
 */
export function createDataHealthHandlers(store: ClockfaceStore, options: DataHealthOptions = {}): DataHealthHandlers {
  const backupDir = options.backupDir ?? defaultBackupDir(store.dataDir)
  const now = options.now ?? (() => new Date())

  const report = (): OperationResponse<'getDataHealth'> => {
    const health = store.health()
    return {
      readOnly: health.readOnly,
      reason: store.readOnlyReason(),
      encrypted: store.encrypted,
      damaged: health.damaged,
      newestBackupAt: newestBackupTime(backupDir)?.toISOString() ?? null
    }
  }

  return {
    getDataHealth: async () => report(),
    async repairDataFile(request: ValidatedRequest<'repairDataFile'>, _ctx: CallContext) {
      await store.repair(request.file)
      return report()
    },
    async createBackup() {
      const made = await backupInto(store, backupDir, now())
      return { file: made.file, createdAt: made.createdAt, bytes: made.bytes }
    }
  }
}

/**
 * Stand-ins for a createServices that was given no store handlers (unit tests of other
 * services): each raises ClockfaceError `store-error` saying so.
 */
export const noDataHealth: DataHealthHandlers = {
  getDataHealth: () => Promise.reject(notWired()),
  repairDataFile: () => Promise.reject(notWired()),
  createBackup: () => Promise.reject(notWired())
}

function notWired(): ClockfaceError {
  return new ClockfaceError('store-error', 'The data health operations are not connected to the data folder in this process.')
}

import type { ClockfaceStore, NewDoc, TemplateDoc } from '../store-types'
import { storeOp } from '../store-op'
import { compactFile } from './compact-file'
import { storeWrite } from './write-guard'

/** A template without its descriptor (what lists and thumbnails need). */
export type TemplateInfo = Omit<TemplateDoc, 'descriptor'>

/** Named queries on `templates.db`. Every method raises `store-error`; writes also `read-only`. */
export interface TemplateRepository {
  /** Every template's owner, descriptor and model: what the in-memory gallery loads. */
  allDescriptors(): Promise<Pick<TemplateDoc, '_id' | 'employeeId' | 'descriptor' | 'model'>[]>
  /** Templates whose descriptor was made by another model than `model` (or by the first, unrecorded one), with everything stored. */
  notOfModel(model: string): Promise<TemplateDoc[]>
  /** Replaces a template's descriptor with one made by `model` (and its aligned face when given); resolves to the number updated (0: it was deleted meanwhile). */
  redescribe(id: string, change: { descriptor: number[]; model: string; alignedFace?: string }): Promise<number>
  /** One employee's templates without descriptors, oldest first. */
  ofEmployee(employeeId: string): Promise<TemplateInfo[]>
  /** One employee's templates with everything stored (descriptors included), oldest first. */
  fullOfEmployee(employeeId: string): Promise<TemplateDoc[]>
  byId(id: string): Promise<TemplateInfo | null>
  /** Number of templates per employee id. */
  countsByEmployee(): Promise<Map<string, number>>
  countOfEmployee(employeeId: string): Promise<number>
  count(): Promise<number>
  insert(doc: NewDoc<TemplateDoc>): Promise<TemplateDoc>
  /** Removes one template; resolves to the number removed. */
  remove(id: string): Promise<number>
  /** Removes every template of an employee; resolves to the number removed. */
  removeOfEmployee(employeeId: string): Promise<number>
  /**
   * Rewrites templates.db with only the live templates (NeDB's crash-safe compaction: temp
   * file, then rename). NeDB appends a deletion as a new line and keeps the old lines until
   * then, so this is what erases a deleted template's descriptor and thumbnail from the file.
   */
  compact(): Promise<void>
}

/** Creates the template repository over the store. */
export function createTemplateRepository(store: Pick<ClockfaceStore, 'templates' | 'readOnlyReason'>): TemplateRepository {
  const db = store.templates
  return {
    allDescriptors: () => storeOp('load the face templates', () => db.find({}, { employeeId: 1, descriptor: 1, model: 1 })),
    notOfModel: (model) => storeOp('read face templates', () => db.find({ $not: { model } }).sort({ createdAt: 1 })),
    redescribe: (id, change) => storeWrite(store, 'update the face template', () => db.update({ _id: id }, { $set: change }, {})),
    ofEmployee: (employeeId) => storeOp('read face templates', () => db.find({ employeeId }, { descriptor: 0 }).sort({ createdAt: 1 })),
    fullOfEmployee: (employeeId) => storeOp('read face templates', () => db.find({ employeeId }).sort({ createdAt: 1 })),
    byId: (id) => storeOp('read the face template', () => db.findOne({ _id: id }, { descriptor: 0 })),
    async countsByEmployee() {
      const docs = await storeOp('read face templates', () => db.find({}, { employeeId: 1 }))
      const counts = new Map<string, number>()
      for (const t of docs) counts.set(t.employeeId, (counts.get(t.employeeId) ?? 0) + 1)
      return counts
    },
    count: () => storeOp('count face templates', () => db.count({})),
    countOfEmployee: (employeeId) => storeOp('count face templates', () => db.count({ employeeId })),
    insert: (doc) => storeWrite(store, 'save the face template', () => db.insert(doc)),
    remove: (id) => storeWrite(store, 'delete the face template', () => db.remove({ _id: id }, {})),
    removeOfEmployee: (employeeId) => storeWrite(store, 'delete face templates', () => db.remove({ employeeId }, { multi: true })),
    compact: () => storeWrite(store, 'compact the face templates file', () => compactFile(db))
  }
}

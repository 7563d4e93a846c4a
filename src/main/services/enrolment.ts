import type { ImageInput, ValidatedRequest } from '../../shared/contract'
import { ClockfaceError } from '../../shared/errors'
import type { FaceTemplate, TemplateSource } from '../../shared/models'
import type { FaceEngine } from '../engine/engine-types'
import type { ClockfaceStore, NewDoc, TemplateDoc } from '../store/store-types'
import { storeOp } from '../store/store-op'
import { describeSingleFace, type DescribedFace } from './describe-face'
import { findEmployeeByCode } from './find-employee'
import type { Gallery } from './gallery'
import { toTemplate } from './mappers'
import type { ServiceConfig } from './service-config'

/**
 * Enrolment: turning a photo with one face into a stored template, and managing templates.
 * Every method that touches the store can also raise `store-error`.
 */
export interface Enrolment {
  /**
   * Describes the single face of an enrolment photo (descriptor + thumbnail); stores nothing.
   * Raises `no-face`, `multiple-faces`, `unreadable-image`, `engine-unavailable`.
   */
  describe(image: ImageInput): Promise<DescribedFace>
  /** Stores a described face as a template of the employee and adds it to the gallery. */
  save(employeeId: string, face: DescribedFace, source: TemplateSource): Promise<TemplateDoc>
  /** enrolFace: adds a template to an existing employee; raises `not-found` plus those of {@link describe}. */
  enrol(request: ValidatedRequest<'enrolFace'>): Promise<FaceTemplate>
  /** Templates of one employee, oldest first; raises `not-found`. */
  list(request: ValidatedRequest<'listTemplates'>): Promise<FaceTemplate[]>
  /** Deletes one template by id; raises `not-found`. */
  remove(request: ValidatedRequest<'deleteTemplate'>): Promise<{ deleted: true }>
}

/** Creates the enrolment service over the store, the engine (SSD photo detector) and the gallery. */
export function createEnrolment(deps: {
  store: ClockfaceStore
  engine: FaceEngine
  gallery: Gallery
  config: Pick<ServiceConfig, 'now'>
}): Enrolment {
  const { store, engine, gallery, config } = deps

  const enrolment: Enrolment = {
    describe: (image) => describeSingleFace(engine, image, true),

    async save(employeeId, face, source) {
      const doc: NewDoc<TemplateDoc> = {
        employeeId,
        descriptor: Array.from(face.descriptor),
        thumbnail: Buffer.from(face.thumbnail ?? new Uint8Array()).toString('base64'),
        source,
        createdAt: config.now().toISOString()
      }
      const saved = await storeOp('save the face template', () => store.templates.insert(doc))
      await gallery.add({ id: saved._id, employeeId, descriptor: saved.descriptor })
      return saved
    },

    async enrol({ code, image, source }) {
      const employee = await findEmployeeByCode(store, code)
      const face = await enrolment.describe(image)
      // The employee may have been deleted while the engine worked.
      await findEmployeeByCode(store, code)
      return toTemplate(await enrolment.save(employee._id, face, source), employee.code)
    },

    async list({ code }) {
      const employee = await findEmployeeByCode(store, code)
      const docs = await storeOp('read face templates', () =>
        store.templates.find({ employeeId: employee._id }, { descriptor: 0 }).sort({ createdAt: 1 })
      )
      return docs.map((doc) => toTemplate(doc, employee.code))
    },

    async remove({ id }) {
      const doc = await storeOp('read the face template', () => store.templates.findOne({ _id: id }))
      if (!doc) throw new ClockfaceError('not-found', `No face template has the id ${id}.`, { id })
      await storeOp('delete the face template', () => store.templates.remove({ _id: id }, {}))
      await gallery.removeTemplate(id)
      return { deleted: true }
    }
  }
  return enrolment
}

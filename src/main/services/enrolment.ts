import type { ImageInput, ValidatedRequest } from '../../shared/contract'
import { ClockfaceError } from '../../shared/errors'
import type { FaceTemplate, TemplateSource } from '../../shared/models'
import type { CallContext } from '../dispatch/call-context'
import type { FaceEngine } from '../engine/engine-types'
import type { Repositories } from '../store/repositories'
import type { NewDoc, TemplateDoc } from '../store/store-types'
import { RECOGNITION_MODEL_ID } from './decision/recognition-model'
import { describeSingleFace, type DescribedFace } from './describe-face'
import { describeCheckedFace } from './enrolment-quality'
import { findEmployeeByCode } from './find-employee'
import type { Gallery } from './gallery'
import { toTemplate } from './mappers'
import { consentRecord, requireConsent } from './privacy/consent'
import type { ServiceConfig } from './service-config'

/**
 * Enrolment: turning a photo with one face into a stored template, and managing templates.
 * Every method that touches the store can also raise `store-error` and, for writes, `read-only`.
 */
export interface Enrolment {
  /**
   * Describes the single face of an enrolment photo (descriptor + thumbnail); stores nothing.
   * The face must pass the enrolment quality gates for the photo's `source` (camera gates
   * for `camera`, looser file gates otherwise; enrolment-quality.ts), else `invalid-input`
   * naming the reasons. Raises `no-face`, `multiple-faces`, `unreadable-image`, `engine-unavailable`.
   */
  describe(image: ImageInput, source: TemplateSource): Promise<DescribedFace>
  /**
   * Refuses a face that already identifies as an employee other than `employeeId` (null: a
   * new employee, so anyone counts): the nearest employee in the gallery is someone else and
   * under the threshold. Raises `duplicate-face` naming that employee's code.
   */
  assertNotSomeoneElse(face: DescribedFace, employeeId: string | null): Promise<void>
  /** Stores a described face as a template of the employee and adds it to the gallery. */
  save(employeeId: string, face: DescribedFace, source: TemplateSource): Promise<TemplateDoc>
  /**
   * enrolFace: adds a template to an existing employee. The face must not identify as anyone
   * else (`duplicate-face`, never overridable: one person, one code) and, when the employee
   * already has templates, must match them (distance to their nearest template under the
   * threshold), else `face-mismatch`; an owner may override a mismatch with `override`
   * (a manager asking for it gets `forbidden`). The request must carry the employee's consent
   * (`invalid-input` without it, checked first); it is recorded on the employee (who, when,
   * text version), replacing an earlier record, just before the template is stored.
   * Raises `not-found` plus those of {@link describe}.
   */
  enrol(request: ValidatedRequest<'enrolFace'>, ctx: CallContext): Promise<FaceTemplate>
  /** Templates of one employee, oldest first; raises `not-found`. */
  list(request: ValidatedRequest<'listTemplates'>): Promise<FaceTemplate[]>
  /**
   * Deletes one template by id, then compacts templates.db so its descriptor and thumbnail
   * leave the file (a failed compaction goes to `config.warn`; the close compacts again).
   * Raises `not-found`.
   */
  remove(request: ValidatedRequest<'deleteTemplate'>): Promise<{ deleted: true }>
}

const fmt = (d: number): string => d.toFixed(2)

/** Creates the enrolment service over the repositories, the engine (SSD photo detector) and the gallery. */
export function createEnrolment(deps: {
  repos: Pick<Repositories, 'employees' | 'templates'>
  engine: FaceEngine
  gallery: Gallery
  config: Pick<ServiceConfig, 'now' | 'threshold' | 'warn'>
}): Enrolment {
  const { repos, engine, gallery, config } = deps

  const enrolment: Enrolment = {
    describe: (image, source) => describeCheckedFace(image, source, (checked) => describeSingleFace(engine, checked, true)),

    async assertNotSomeoneElse(face, employeeId) {
      const nearest = (await gallery.rank(face.descriptor, 1))[0]
      if (!nearest || nearest.employeeId === employeeId || nearest.distance >= config.threshold) return
      const other = await repos.employees.byId(nearest.employeeId)
      if (!other) return // a template whose employee is being deleted identifies nobody
      throw new ClockfaceError(
        'duplicate-face',
        `This face is already enrolled as employee ${other.code} (distance ${fmt(nearest.distance)} < ${config.threshold}); one person cannot hold two codes.`,
        { code: other.code, distance: nearest.distance }
      )
    },

    async save(employeeId, face, source) {
      const doc: NewDoc<TemplateDoc> = {
        employeeId,
        descriptor: Array.from(face.descriptor),
        thumbnail: Buffer.from(face.thumbnail ?? new Uint8Array()).toString('base64'),
        model: RECOGNITION_MODEL_ID,
        ...(face.alignedFace ? { alignedFace: Buffer.from(face.alignedFace).toString('base64') } : {}),
        source,
        createdAt: config.now().toISOString()
      }
      const saved = await repos.templates.insert(doc)
      await gallery.add({ id: saved._id, employeeId, descriptor: saved.descriptor })
      return saved
    },

    async enrol({ code, image, source, override, consent }, ctx) {
      requireConsent(consent)
      if (override && ctx.admin?.role !== 'owner') {
        throw new ClockfaceError('forbidden', 'Only an owner may add a face that does not match the employee’s enrolled faces.')
      }
      const employee = await findEmployeeByCode(repos.employees, code)
      const face = await enrolment.describe(image, source)
      await enrolment.assertNotSomeoneElse(face, employee._id)
      const own = await gallery.distanceTo(employee._id, face.descriptor)
      if (own !== null && own >= config.threshold && !override) {
        throw new ClockfaceError(
          'face-mismatch',
          `This face does not match the faces enrolled for ${code} (distance ${fmt(own)} ≥ ${config.threshold}); an owner can override if it really is them.`,
          { code, distance: own }
        )
      }
      // The employee may have been deleted while the engine worked.
      await findEmployeeByCode(repos.employees, code)
      const now = config.now()
      await repos.employees.update(employee._id, { consent: consentRecord(consent, ctx, now), updatedAt: now.toISOString() })
      return toTemplate(await enrolment.save(employee._id, face, source), employee.code)
    },

    async list({ code }) {
      const employee = await findEmployeeByCode(repos.employees, code)
      const docs = await repos.templates.ofEmployee(employee._id)
      return docs.map((doc) => toTemplate(doc, employee.code))
    },

    async remove({ id }) {
      const doc = await repos.templates.byId(id)
      if (!doc) throw new ClockfaceError('not-found', `No face template has the id ${id}.`, { id })
      await repos.templates.remove(id)
      await gallery.removeTemplate(id)
      await repos.templates.compact().catch((error: unknown) =>
        config.warn('templates.db could not be compacted after deleting a face template; its lines stay until the next compaction', {
          id,
          reason: error instanceof Error ? error.message : String(error)
        })
      )
      return { deleted: true }
    }
  }
  return enrolment
}

/**
 * Recomputes stored templates made by an earlier recognition model, so a model change never
 * asks staff to enrol again. Each such template's stored face (its aligned face, or for
 * templates older than aligned faces the 150 px list thumbnail) goes through today's photo
 * pipeline; the new descriptor, model id and aligned face replace the old ones and the
 * template joins the gallery. Runs once in the background after start; its progress is part
 * of the recognition report.
 */
import type { EngineFace, FaceEngine } from '../../engine/engine-types'
import type { TemplateRepository } from '../../store/repositories/template-repository'
import type { TemplateDoc } from '../../store/store-types'
import { PHOTO_DETECTOR } from '../describe-face'
import type { Gallery } from '../gallery'
import type { ServiceConfig } from '../service-config'
import { RECOGNITION_MODEL_ID } from './recognition-model'

/** Where the migration stands: `failed` counts templates whose stored face no longer shows a face (they stay out of the gallery). */
export interface MigrationStatus {
  state: 'idle' | 'running' | 'done' | 'error'
  total: number
  done: number
  failed: number
  /** Why the run stopped, for `error`. */
  error: string | null
}

/** The migration of one services instance. */
export interface TemplateMigration {
  /** Starts the run once (later calls return the same run); resolves when it has finished, never rejects. */
  run(): Promise<void>
  status(): MigrationStatus
}

/** The face of a stored face image: the largest one (a stored face shows one person, filling it). */
function largest(faces: readonly EngineFace[]): EngineFace | undefined {
  return [...faces].sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)[0]
}

/** Creates the migration over the template repository, the engine and the gallery. */
export function createTemplateMigration(deps: {
  templates: Pick<TemplateRepository, 'notOfModel' | 'redescribe'>
  engine: FaceEngine
  gallery: Pick<Gallery, 'add'>
  config: Pick<ServiceConfig, 'warn'>
}): TemplateMigration {
  const state: MigrationStatus = { state: 'idle', total: 0, done: 0, failed: 0, error: null }
  let running: Promise<void> | undefined

  async function migrate(doc: TemplateDoc): Promise<boolean> {
    const stored = doc.alignedFace ?? doc.thumbnail
    if (!stored) return false
    const detection = await deps.engine.detect({ kind: 'encoded', data: new Uint8Array(Buffer.from(stored, 'base64')) }, { detector: PHOTO_DETECTOR, withDescriptors: true, withThumbnails: true })
    const face = largest(detection.faces)
    if (!face?.descriptor) return false
    const change = {
      descriptor: face.descriptor,
      model: RECOGNITION_MODEL_ID,
      ...(face.alignedFace ? { alignedFace: Buffer.from(face.alignedFace).toString('base64') } : {})
    }
    if ((await deps.templates.redescribe(doc._id, change)) === 0) return true // deleted meanwhile: nothing to add
    await deps.gallery.add({ id: doc._id, employeeId: doc.employeeId, descriptor: face.descriptor })
    return true
  }

  async function runOnce(): Promise<void> {
    state.state = 'running'
    try {
      const pending = await deps.templates.notOfModel(RECOGNITION_MODEL_ID)
      state.total = pending.length
      for (const doc of pending) {
        let ok = false
        try {
          ok = await migrate(doc)
        } catch (error) {
          deps.config.warn('a face template could not be recomputed for the current recognition model', { id: doc._id, reason: error instanceof Error ? error.message : String(error) })
        }
        if (ok) state.done++
        else state.failed++
      }
      state.state = 'done'
    } catch (error) {
      state.state = 'error'
      state.error = error instanceof Error ? error.message : String(error)
      deps.config.warn('the face template migration stopped', { reason: state.error })
    }
  }

  return {
    run: () => (running ??= runOnce()),
    status: () => ({ ...state })
  }
}

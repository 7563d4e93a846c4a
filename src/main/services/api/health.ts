import type { Health } from '../../../shared/models'
import type { FaceEngine } from '../../engine/engine-types'
import type { Repositories } from '../../store/repositories'
import { version } from '../../../../package.json'

/**
 * getHealth: what a monitoring probe needs, cheap enough to call every few seconds: `ok` when
 * the engine is ready and the data writable, `starting` while the models load, `degraded`
 * when the engine failed or damaged data holds the store read-only. Raises `store-error`.
 */
export async function getHealth(deps: { engine: FaceEngine; repos: Repositories }): Promise<Health> {
  const engine = deps.engine.status()
  const readOnly = deps.repos.readOnlyReason() !== null
  const [employees, templates, visitors] = await Promise.all([deps.repos.employees.count(), deps.repos.templates.count(), deps.repos.visitors.count()])
  const status = engine.state === 'error' || readOnly ? 'degraded' : engine.state === 'loading' ? 'starting' : 'ok'
  return { status, version, backend: engine.backend, models: engine.models, readOnly, counts: { employees, templates, visitors } }
}

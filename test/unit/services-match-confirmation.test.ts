import { describe, expect, it } from 'vitest'
import { createMatchConfirmation } from '../../src/main/services/match-confirmation'

describe('multi-frame match confirmation', () => {
  it('confirms an employee only after two agreeing frames within the window', () => {
    const c = createMatchConfirmation(2, 1500)
    expect([...c.observe('k1', ['alice'], 0)]).toEqual([])
    expect([...c.observe('k1', ['alice'], 400)]).toEqual(['alice'])
    expect([...c.observe('k1', ['alice'], 800)]).toEqual(['alice'])
  })

  it('starts over after a gap longer than the window', () => {
    const c = createMatchConfirmation(2, 1500)
    c.observe('k1', ['alice'], 0)
    expect([...c.observe('k1', ['alice'], 1600)]).toEqual([])
    expect([...c.observe('k1', ['alice'], 1700)]).toEqual(['alice'])
  })

  it('keeps kiosks and employees apart', () => {
    const c = createMatchConfirmation(2, 1500)
    c.observe('k1', ['alice'], 0)
    expect([...c.observe('k2', ['alice'], 100)]).toEqual([])
    expect([...c.observe('k1', ['bob'], 200)]).toEqual([])
    expect([...c.observe('k1', ['alice', 'bob'], 300)].sort()).toEqual(['alice', 'bob'])
  })

  it('counts an employee once per frame even when two faces match them', () => {
    const c = createMatchConfirmation(2, 1500)
    expect([...c.observe('k1', ['alice', 'alice'], 0)]).toEqual([])
  })

  it('confirms at once when one frame is enough', () => {
    expect([...createMatchConfirmation(1, 1500).observe('k1', ['alice'], 0)]).toEqual(['alice'])
  })
})

import { describe, expect, it } from 'vitest'
import { layoutChoice, layoutChoices, layoutOf, maxSessionHint } from '../../../../src/renderer/src/screens/plan/layout-words'
import { roleSpec } from '../../support/role-spec'

describe('the two layouts, in plain words', () => {
  it('offers the guide’s layout first (the default), then the roles layout', () => {
    expect(layoutChoices.map((c) => [c.layout, c.title])).toEqual([
      ['users', 'Three users, as the guide'],
      ['roles', 'One sign-in, three roles']
    ])
  })

  it('says what a stolen password and phone reach, how many codes a day, and how the console opens', () => {
    const users = layoutChoice('users')
    const roles = layoutChoice('roles')
    expect(users.stolen).toMatch(/Only that user’s job/)
    expect(roles.stolen).toMatch(/Every role, but only with your MFA device/)
    expect(roles.stolen).toMatch(/short/)
    expect(users.codes).toMatch(/dev and ops each/)
    expect(roles.codes).toBe('One code a day signs you in for every role.')
    expect(users.console).toMatch(/password on the clipboard/)
    expect(users.console).toMatch(/type a code/)
    expect(roles.console).toMatch(/One click/)
    expect(roles.console).toMatch(/with MFA/)
    for (const choice of layoutChoices)
      for (const words of [choice.summary, choice.stolen, choice.codes, choice.console]) expect(words.length).toBeGreaterThan(10)
  })

  it('reads a planned setup’s layout: the guide’s when it names none', () => {
    expect(layoutOf(null)).toBeNull()
    expect(layoutOf({ roles: [roleSpec('dev')] })).toBe('users')
    expect(layoutOf({ layout: 'users', roles: [roleSpec('dev')] })).toBe('users')
    expect(layoutOf({ layout: 'roles', signIn: { userName: 'me' }, roles: [{ role: 'dev', roleName: 'dev', policyArns: [], maxSessionHours: 1 }] })).toBe(
      'roles'
    )
  })

  it('says why Cairn’s sessions last an hour whatever the maximum', () => {
    expect(maxSessionHint).toMatch(/^1 to 12 hours/)
    expect(maxSessionHint).toMatch(/AWS limits a role assumed from a session .* to 1 hour/)
  })
})

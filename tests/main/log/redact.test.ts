import { describe, expect, it } from 'vitest'
import { createLogger, redact } from '../../../src/main/log/redact'

describe('redact', () => {
  it('removes access key ids, secrets, session tokens and MFA seeds', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
    const token = 'IQoJb3JpZ2luX2VjEJr' + 'A'.repeat(200)
    const seed = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
    const text = `key AKIAIOSFODNN7EXAMPLE temp ASIAY34FZKBOKMUTVV7A secret=${secret} token=${token} seed ${seed}`
    const clean = redact(text)
    for (const leaked of ['IOSFODNN7EXAMPLE', 'Y34FZKBOKMUTVV7A', secret, token, seed]) expect(clean).not.toContain(leaked)
    expect(clean).toContain('AKIA…redacted')
  })

  it('leaves ordinary text alone', () => {
    expect(redact('Created user dev in group Developers (account 123456789012)')).toBe('Created user dev in group Developers (account 123456789012)')
  })

  it('redacts what the logger writes, including error messages', () => {
    const lines: string[] = []
    const log = createLogger((line) => lines.push(line))
    log.error('apply failed', new Error('bad key AKIAIOSFODNN7EXAMPLE'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('apply failed: Error: bad key AKIA…redacted')
  })
})

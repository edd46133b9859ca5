import { ESLint } from 'eslint'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { layerViolation } from '../../eslint-rules/layers.mjs'
import { repoRoot } from '../support/build'

/** The layers of src/ (eslint-rules/layers.mjs), as `npm run lint` applies them. */
describe('the layer rule', () => {
  it('lets each layer import only the layers below it', () => {
    expect(layerViolation('src/main/setup/plan.ts', 'src/main/aws/clients')).toBeNull()
    expect(layerViolation('src/main/setup/plan.ts', 'src/shared/domain/schemas')).toBeNull()
    expect(layerViolation('src/main/aws/clients.ts', 'src/main/setup/roles')).toMatch(/plumbing layer .* may not import the domains layer/)
    expect(layerViolation('src/shared/contract.ts', 'src/main/ipc/dispatcher')).toMatch(/shared layer .* may not import/)
    expect(layerViolation('src/main/profiles/cairn-command.ts', 'src/main/shell/tray')).toMatch(/may not import the entries layer/)
    expect(layerViolation('src/renderer/src/App.tsx', 'src/main/setup/roles')).toMatch(/renderer layer/)
    expect(layerViolation('src/main/index.ts', 'src/main/setup/setup-service')).toBeNull()
  })

  it('seals the practice account: only its index from outside, its own tests excepted', () => {
    expect(layerViolation('src/main/connect/practice-bootstrap.ts', 'src/practice')).toBeNull()
    expect(layerViolation('src/main/connect/practice-bootstrap.ts', 'src/practice/index.ts')).toBeNull()
    expect(layerViolation('src/main/mfa/practice-root-mfa.ts', 'src/practice/rules/quotas')).toMatch(/import it through src\/practice\/index.ts/)
    expect(layerViolation('tests/main/setup/apply/faults.test.ts', 'src/practice/server')).toMatch(/import it through/)
    expect(layerViolation('tests/practice/sts.test.ts', 'src/practice/sts')).toBeNull()
    expect(layerViolation('src/practice/iam/users.ts', 'src/main/aws/clients')).toMatch(/practice layer .* may not import the plumbing layer/)
  })

  it('is on in the lint configuration', async () => {
    const eslint = new ESLint({ cwd: repoRoot })
    const [result] = await eslint.lintText("import { quotas } from '../../practice/rules/quotas'\nexport const limit = quotas\n", {
      filePath: path.join(repoRoot, 'src/main/mfa/layer-probe.ts')
    })
    expect(result?.messages.map((m) => m.ruleId)).toContain('cairn/layers')
  }, 60_000)
})

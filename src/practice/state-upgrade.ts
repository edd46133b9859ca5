import type { PracticeState } from './state'

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Brings a state saved by an earlier Cairn to today's shape, in place: practice files live on
 * users' machines and must keep loading.
 *
 * - root.mfaSerial (string | null; root could hold one device) becomes root.mfaSerials.
 * - Virtual MFA devices saved before drift was remembered get driftSteps 0.
 * - States saved before roles existed get an empty roles table.
 *
 * schemaVersion stays 1 because every change is additive: an older Cairn given a newer file still
 * accepts it and carries the fields it does not know, where a new version number would make it set
 * the file aside as corrupt and start a fresh account.
 *
 * Returns whether anything changed, so the caller writes the new shape back.
 */
export function upgradeState(state: PracticeState): boolean {
  let changed = false
  const root = state.root as unknown as Record<string, unknown>
  if (!Array.isArray(root['mfaSerials'])) {
    const legacy = root['mfaSerial']
    root['mfaSerials'] = typeof legacy === 'string' && legacy !== '' ? [legacy] : []
    changed = true
  }
  if ('mfaSerial' in root) {
    delete root['mfaSerial']
    changed = true
  }
  if (!isRecord((state as unknown as Record<string, unknown>)['roles'])) {
    state.roles = {}
    changed = true
  }
  for (const device of Object.values(state.virtualMfaDevices) as unknown[]) {
    if (isRecord(device) && !Number.isSafeInteger(device['driftSteps'])) {
      device['driftSteps'] = 0
      changed = true
    }
  }
  return changed
}

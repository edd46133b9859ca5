import type { Rule } from 'eslint'

export interface Layer {
  name: string
  folders: string[]
  may: string[]
  sealed?: boolean
  entry?: string
  ownTests?: string
}

export const layers: Layer[]
export function layerViolation(from: string, to: string): string | null
export const layersRule: Rule.RuleModule

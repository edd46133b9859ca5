import type { CairnApi } from '../../shared/api'

declare global {
  interface Window {
    readonly cairn: CairnApi
  }
}

/** One row of the progress list changed; the IPC handler adds the operation id. */
export interface StepProgress {
  stepId: string
  state: 'waiting' | 'running' | 'retrying' | 'done' | 'failed' | 'skipped'
  /** 1 for the first try, 2 for the first retry, ... */
  attempt?: number
  message?: string
}

export type ProgressListener = (progress: StepProgress) => void

import type { FieldMessage } from './plan-feedback'

/** What AWS or the account says about one field, under it; the input points here with aria-describedby. */
export function FieldMessages({ id, messages }: { id: string; messages: readonly FieldMessage[] }) {
  if (messages.length === 0) return null
  return (
    <div id={id} className="field-messages">
      {messages.map((m) => (
        <p key={m.message} className={m.blocking ? 'field-error' : 'field-note'}>
          <span className="field-message-kind">{m.blocking ? 'Needs a change: ' : 'Good to know: '}</span>
          {m.message}
        </p>
      ))}
    </div>
  )
}

export const hasBlocking = (messages: readonly FieldMessage[]): boolean => messages.some((m) => m.blocking)

/** aria-describedby for an input: its hint, and its messages when there are any. */
export const describedBy = (hintId: string, messagesId: string, messages: readonly FieldMessage[]): string =>
  messages.length > 0 ? `${hintId} ${messagesId}` : hintId

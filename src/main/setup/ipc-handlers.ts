import { randomUUID } from 'node:crypto'
import type { Handler, HandlerContext } from '../ipc/dispatcher'
import type { ProgressListener } from './apply/progress'
import type { SetupService } from './setup-service'

type SetupChannel =
  | 'connect.practice'
  | 'connect.withKeys'
  | 'connect.status'
  | 'connect.disconnect'
  | 'audit.scan'
  | 'audit.fix'
  | 'setup.defaults'
  | 'setup.plan'
  | 'setup.apply'
  | 'setup.resume'
  | 'setup.rollback'
  | 'setup.deleteBootstrapKey'
  | 'setup.lastRun'

/** Step progress as the contract's `progress` event, to the window that asked. */
function progressTo(context: HandlerContext, operationId: string): ProgressListener {
  return (progress) => context.emit('progress', { operationId, ...progress })
}

export function setupHandlers(setup: SetupService): { [C in SetupChannel]: Handler<C> } {
  const operation = (request: { operationId?: string | undefined }, context: HandlerContext) => {
    const operationId = request.operationId ?? randomUUID()
    return { operationId, onProgress: progressTo(context, operationId) }
  }
  return {
    'connect.practice': () => setup.connectPractice(),
    'connect.withKeys': (request) => setup.connectWithKeys(request),
    'connect.status': () => setup.status(),
    'connect.disconnect': () => setup.disconnect(),
    'audit.scan': (request) => setup.scan(request.adminGroupName ? { adminGroupName: request.adminGroupName } : {}),
    'audit.fix': (request) => setup.fix(request.fixId),
    'setup.defaults': (request) => setup.defaults(request.includeAdmin === undefined ? {} : { includeAdmin: request.includeAdmin }),
    'setup.plan': (request) => setup.plan(request.roles),
    'setup.apply': (request, context) => setup.apply(request.roles, operation(request, context)),
    'setup.resume': (request, context) => setup.resume(operation(request, context)),
    'setup.rollback': (request, context) => setup.rollback(operation(request, context)),
    'setup.deleteBootstrapKey': () => setup.deleteBootstrapKey(),
    'setup.lastRun': () => setup.lastRun()
  }
}

import type { Handler } from '../ipc/dispatcher'
import type { ProfilesService } from './profiles-service'

type ProfilesChannel =
  | 'profiles.list'
  | 'profiles.switch'
  | 'profiles.refreshSession'
  | 'profiles.openConsole'
  | 'profiles.writeConfig'
  | 'profiles.setDefault'
  | 'profiles.remove'

export function profilesHandlers(profiles: ProfilesService): { [C in ProfilesChannel]: Handler<C> } {
  return {
    'profiles.list': () => profiles.list(),
    'profiles.switch': async (request) => (await profiles.switchRole(request.role)).overview,
    'profiles.refreshSession': (request) => profiles.refreshSession(request.role, { code: request.code }),
    'profiles.openConsole': (request) => profiles.openConsole(request.role),
    'profiles.writeConfig': () => profiles.writeConfig(),
    'profiles.setDefault': (request) => profiles.setDefault(request.role),
    'profiles.remove': (request) => profiles.remove(request)
  }
}

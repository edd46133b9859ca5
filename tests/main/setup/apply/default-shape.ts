import { policyArns } from '../../../../src/main/setup/roles'

/** The default plan's account, as accountShape shows it. */
export const defaultShape = {
  groups: {
    Finance: { policies: [policyArns.billing], inline: [] },
    Developers: { policies: [policyArns.powerUser], inline: [] },
    Operations: { policies: [policyArns.systemAdministrator], inline: [] }
  },
  users: {
    billing: { groups: ['Finance'], loginProfile: true, keys: 0 },
    dev: { groups: ['Developers'], loginProfile: true, keys: 1 },
    ops: { groups: ['Operations'], loginProfile: true, keys: 1 }
  }
}

import { CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, type IAMClient } from '@aws-sdk/client-iam'
import { totpAt } from '../../src/practice'

export interface ConsoleDevice {
  serial: string
  seed: string
}

/**
 * What a user does in the IAM console, outside Cairn: a virtual MFA device (USER-phone unless named),
 * turned on for the user with two consecutive codes. `iam` is signed as root or an administrator;
 * `now` is the account's clock. Away from a code change, so both codes fall in the steps meant.
 */
export async function enableDeviceInConsole(
  iam: IAMClient,
  userName: string,
  now: () => number = Date.now,
  deviceName = `${userName}-phone`
): Promise<ConsoleDevice> {
  const device = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: deviceName }))).VirtualMFADevice!
  const seed = Buffer.from(device.Base32StringSeed!).toString('ascii')
  const into = now() % 30_000
  if (into < 1500 || into > 28_500) await new Promise((r) => setTimeout(r, (31_500 - into) % 30_000))
  const at = now()
  await iam.send(
    new EnableMFADeviceCommand({
      UserName: userName,
      SerialNumber: device.SerialNumber!,
      AuthenticationCode1: totpAt(seed, at - 30_000),
      AuthenticationCode2: totpAt(seed, at)
    })
  )
  return { serial: device.SerialNumber!, seed }
}

import { useCallback, useEffect, useReducer, useRef } from 'react'
import type { SetupRequestPayload } from '../../../../shared/channels/setup'
import { call } from '../../call'
import { asCallError } from '../../ui/use-action'
import { useCall } from '../../use-call'
import { enrollmentFlow, noEnrollment, type Enabled } from './enrollment-flow'
import { loadMfaUsers, userRequest, type MfaUser, type RoleId } from './mfa-users'

/**
 * The MFA step's users (useCall) and the enrollment-flow reducer, wired to the mfa.* calls.
 * A set-up still open when the screen closes is abandoned: no device should wait unused.
 */
export function useEnrollmentFlow(planned: SetupRequestPayload | null) {
  const [users, retryUsers] = useCall(() => loadMfaUsers(planned))
  const [flow, dispatch] = useReducer(enrollmentFlow, noEnrollment)
  /** The set-up to abandon if the screen closes with it open. */
  const openEnrollment = useRef<string | null>(null)

  useEffect(() => {
    const open = openEnrollment
    return () => {
      const enrollmentId = open.current
      open.current = null
      if (enrollmentId) void window.cairn.mfa.abandon({ enrollmentId })
    }
  }, [])

  const checkDevices = useCallback((user: MfaUser) => {
    dispatch({ type: 'devices-checking', role: user.role })
    call(window.cairn.mfa.devices(userRequest(user))).then(
      (devices) => dispatch({ type: 'devices-read', role: user.role, devices }),
      (failure: unknown) => dispatch({ type: 'devices-failed', role: user.role, error: asCallError(failure) })
    )
  }, [])

  useEffect(() => {
    if (users.status === 'done') for (const user of users.value) checkDevices(user)
  }, [users, checkDevices])

  const start = async (user: MfaUser) => {
    dispatch({ type: 'enroll-starting', role: user.role })
    try {
      const enrollment = await call(window.cairn.mfa.enroll(userRequest(user)))
      openEnrollment.current = enrollment.enrollmentId
      dispatch({ type: 'enroll-opened', role: user.role, enrollment })
    } catch (failure) {
      dispatch({ type: 'enroll-failed', role: user.role, error: asCallError(failure) })
    }
  }

  /** Deletes the never-enabled device; says what happened, or null when no set-up was open. */
  const abandon = async (): Promise<string | null> => {
    const enrollmentId = openEnrollment.current
    openEnrollment.current = null
    if (!enrollmentId) return null
    try {
      return (await call(window.cairn.mfa.abandon({ enrollmentId }))).message
    } catch (failure) {
      return asCallError(failure).message
    }
  }

  /** Records a device the user already has (one enabled in the AWS console) as the one Cairn's sessions use. */
  const useDevice = async (user: MfaUser, serial: string) => {
    dispatch({ type: 'device-using', role: user.role, serial })
    try {
      const used = await call(window.cairn.mfa.useDevice({ ...userRequest(user), serial }))
      dispatch({ type: 'device-used', role: user.role, serial: used.serial, message: used.message })
    } catch (failure) {
      dispatch({ type: 'device-use-failed', role: user.role, error: asCallError(failure) })
    }
  }

  return {
    users,
    retryUsers,
    flow,
    checkDevices,
    start: (user: MfaUser) => void start(user),
    useDevice: (user: MfaUser, serial: string) => void useDevice(user, serial),
    cancel: async (role: RoleId) => {
      dispatch({ type: 'cancelling' })
      const message = await abandon()
      dispatch({ type: 'cancelled', role, message: message ?? 'The set-up is cancelled.' })
    },
    restart: async (user: MfaUser) => {
      dispatch({ type: 'enroll-closed' })
      await abandon()
      await start(user)
    },
    enabled: (user: MfaUser, result: Enabled) => {
      openEnrollment.current = null
      dispatch({ type: 'enabled', role: user.role, result })
      checkDevices(user)
    },
    openResync: (role: RoleId) => dispatch({ type: 'resync-opened', role }),
    closeResync: () => dispatch({ type: 'resync-closed' }),
    setLater: (later: boolean) => dispatch({ type: 'later', later })
  }
}

export type EnrollmentActions = ReturnType<typeof useEnrollmentFlow>

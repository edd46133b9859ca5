/** IAM's documented per-user limit on MFA devices (virtual, hardware and passkeys alike), root included. */
export const MAX_MFA_DEVICES_PER_USER = 8

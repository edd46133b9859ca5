/**
 * EX_TEMPFAIL: the keychain never answered. Its call is still running on a worker thread that
 * Node would wait for on exit, so the process entry ends itself with a signal instead.
 */
export const KEYCHAIN_STUCK = 75

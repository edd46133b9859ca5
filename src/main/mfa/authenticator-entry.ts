import QRCode from 'qrcode'

/**
 * The entry an authenticator app gets from the QR code. AWS's own QR code (QRCodePNG) names it
 * only NAME@ACCOUNT with no issuer; Cairn builds its own from the seed, with issuer "AWS" and a
 * label naming the role and account, so billing, dev and ops read apart in one app.
 */
export interface EntryOwner {
  /** The Cairn role ('dev'), 'sign-in' (the roles layout's user), or 'root'. */
  role: string
  /** The IAM user, when it is not named like the role. */
  userName?: string
  accountId: string
  /** The account alias, which people recognise better than twelve digits. */
  accountAlias?: string
  /** Cairn's practice account: its entries say so, and never read like a real account's. */
  practice?: boolean
}

/** What a practice account's entries start with. */
export const PRACTICE_PREFIX = 'practice · '

export const ISSUER = 'AWS'

export function entryLabel(owner: EntryOwner): string {
  // The roles layout's sign-in is the person: their user name says it all.
  const who =
    owner.role === 'sign-in' && owner.userName
      ? owner.userName
      : owner.userName && owner.userName !== owner.role
        ? `${owner.role} (${owner.userName})`
        : owner.role
  const account = owner.accountAlias ? `${owner.accountAlias} ${owner.accountId}` : owner.accountId
  return `${owner.practice ? PRACTICE_PREFIX : ''}${who}@${account}`
}

/** The Key URI Format's otpauth://totp/ISSUER:LABEL?secret=…&issuer=ISSUER. */
export function otpauthUri(label: string, seedBase32: string): string {
  const path = `${encodeURIComponent(ISSUER)}:${encodeURIComponent(label).replace(/%40/g, '@')}`
  return `otpauth://totp/${path}?secret=${seedBase32}&issuer=${encodeURIComponent(ISSUER)}`
}

/** The secret key as apps that cannot scan ask for it, in groups of four for reading aloud or typing. */
export function groupSecret(seedBase32: string): string {
  return seedBase32.match(/.{1,4}/g)?.join(' ') ?? ''
}

export function qrDataUrl(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 264 })
}

/** The QR code in a terminal: half-height blocks, so it fits an 80x24 window. */
export function qrTerminal(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'terminal', small: true, errorCorrectionLevel: 'L' })
}

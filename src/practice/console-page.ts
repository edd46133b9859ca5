import type { IncomingMessage, ServerResponse } from 'node:http'
import { roleIdentityPolicies, rolePermissionsBoundary, userIdentityPolicies, userPermissionsBoundary } from './authorize-caller'
import { CONSOLE_COOKIE, cookieValue, type ConsoleSession, type ConsoleSignIn } from './federation'
import { dateHeader } from './http-date'
import { awsManagedDocument, findAwsManagedPolicy } from './policy/catalog'
import { evaluate, evaluateWithSessionPolicy } from './policy/evaluate'
import { ROOT, type PracticeState } from './state'
import { escapeXml } from './xml'

const html = (text: string) => escapeXml(text)

/** Whether the Billing and Cost Management console would open for this session, and why not. */
function billingAccess(state: PracticeState, session: ConsoleSession): string {
  if (session.role) return roleBillingAccess(state, session.role.roleName)
  const temporary = state.sessions[session.accessKeyId]
  const identity = session.principal === ROOT ? [adminDocument()] : userIdentityPolicies(state, session.principal)
  const request = { action: 'aws-portal:ViewBilling', resource: '*', context: { 'aws:PrincipalType': 'FederatedUser' } }
  const decision = evaluateWithSessionPolicy(request, identity, temporary?.sessionPolicy ? [temporary.sessionPolicy] : [])
  // The user's permissions boundary caps a federated session too.
  const boundary = session.principal === ROOT ? undefined : userPermissionsBoundary(state, session.principal)
  if (decision !== 'Allow' || (boundary !== undefined && evaluate(request, [boundary]) !== 'Allow'))
    return 'not available: no permission for aws-portal:ViewBilling in this session'
  if (session.principal !== ROOT && !state.console.iamUserAccessToBilling) {
    return 'not available: IAM user and role access to Billing information is not activated'
  }
  return 'available'
}

/** A role session is judged by the role's own policies and boundary. */
function roleBillingAccess(state: PracticeState, roleName: string): string {
  const request = { action: 'aws-portal:ViewBilling', resource: '*', context: { 'aws:PrincipalType': 'AssumedRole' } }
  const boundary = rolePermissionsBoundary(state, roleName)
  if (evaluate(request, roleIdentityPolicies(state, roleName)) !== 'Allow' || (boundary !== undefined && evaluate(request, [boundary]) !== 'Allow')) {
    return 'not available: no permission for aws-portal:ViewBilling in this session'
  }
  if (!state.console.iamUserAccessToBilling) return 'not available: IAM user and role access to Billing information is not activated'
  return 'available'
}

function rolePage(state: PracticeState, session: ConsoleSession & { role: NonNullable<ConsoleSession['role']> }): string {
  const { roleName, sessionName, mfa } = session.role
  const arn = `arn:aws:sts::${state.accountId}:assumed-role/${roleName}/${sessionName}`
  return page(
    `${roleName}/${sessionName} @ ${state.accountId}`,
    `<p id="status">Signed in.</p>
<dl>
<dt>Account</dt><dd id="account">${html(state.accountId)}</dd>
<dt>Assumed role</dt><dd id="assumed-role">${html(arn)}</dd>
<dt>MFA</dt><dd id="mfa">${mfa ? 'present' : 'not present'}</dd>
<dt>Session expires</dt><dd id="expires">${html(new Date(session.expiresAt).toISOString())}</dd>
<dt>Billing and Cost Management</dt><dd id="billing">${html(billingAccess(state, session))}</dd>
</dl>
<form method="post" action="/console/logout"><button type="submit">Sign out</button></form>`
  )
}

function adminDocument() {
  return awsManagedDocument(findAwsManagedPolicy('arn:aws:iam::aws:policy/AdministratorAccess')!)
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${html(title)}</title></head>
<body>
<h1>AWS Management Console <small>(Cairn practice account)</small></h1>
${body}
</body></html>
`
}

export function consolePageHtml(state: PracticeState, session: ConsoleSession | null): string {
  if (!session) {
    return page('Not signed in', `<p id="status">Not signed in.</p>\n<p>Sign in through the federation endpoint (/federation?Action=login).</p>`)
  }
  if (session.role) return rolePage(state, { ...session, role: session.role })
  const via = session.principal === ROOT ? 'the root user' : `IAM user ${session.principal}`
  return page(
    `${session.federatedName} @ ${state.accountId}`,
    `<p id="status">Signed in.</p>
<dl>
<dt>Account</dt><dd id="account">${html(state.accountId)}</dd>
<dt>Federated user</dt><dd id="federated-user">${html(session.federatedName)}</dd>
<dt>Signed in through</dt><dd id="principal">${html(via)}</dd>
<dt>Session expires</dt><dd id="expires">${html(new Date(session.expiresAt).toISOString())}</dd>
<dt>Billing and Cost Management</dt><dd id="billing">${html(billingAccess(state, session))}</dd>
</dl>
<form method="post" action="/console/logout"><button type="submit">Sign out</button></form>`
  )
}

/** GET /console shows who is signed in; POST /console/logout ends the console session. */
export function handleConsole(req: IncomingMessage, res: ServerResponse, path: string, state: PracticeState, signIn: ConsoleSignIn, now: Date): void {
  const headers = {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'; form-action 'self'",
    'Cache-Control': 'no-store',
    ...dateHeader(now)
  }
  const id = cookieValue(req, CONSOLE_COOKIE)
  if (path === '/console/logout') {
    signIn.signOut(id)
    res.writeHead(303, {
      Location: '/console',
      'Set-Cookie': `${CONSOLE_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
      'Content-Length': 0,
      ...dateHeader(now)
    })
    res.end()
    return
  }
  const session = signIn.consoleSession(id, now.getTime())
  const body = consolePageHtml(state, session)
  res.writeHead(session ? 200 : 401, { ...headers, 'Content-Length': Buffer.byteLength(body) })
  res.end(body)
}

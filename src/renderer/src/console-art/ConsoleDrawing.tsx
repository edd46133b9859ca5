import type { ConsolePageId } from '../../../shared/contract'
import { AccountBillingPage, AccountMenuPage } from './account-pages'
import { FRAME_WIDTH } from './ConsoleFrame'
import { CreateRootKeyPage, DeleteRootKeyPage, RootKeyCreatedPage, SecurityCredentialsKeysPage } from './key-pages'
import { AssignMfaCodesPage, AssignMfaDevicePage, SecurityCredentialsMfaPage } from './mfa-pages'
import type { PageProps } from './svg-parts'
import './console-art.css'

type Page = ((props: PageProps) => React.JSX.Element) & { height: number }

const pages: Record<ConsolePageId, Page> = {
  'account-menu': AccountMenuPage,
  'security-credentials-mfa': SecurityCredentialsMfaPage,
  'assign-mfa-device': AssignMfaDevicePage,
  'assign-mfa-codes': AssignMfaCodesPage,
  'security-credentials-keys': SecurityCredentialsKeysPage,
  'create-root-key': CreateRootKeyPage,
  'root-key-created': RootKeyCreatedPage,
  'delete-root-key': DeleteRootKeyPage,
  'account-billing': AccountBillingPage
}

/**
 * One console page, drawn. An image to assistive technology: `summary` says what it shows,
 * and the numbered list next to it carries the steps themselves.
 */
export function ConsoleDrawing({ page, summary, ...props }: PageProps & { page: ConsolePageId; summary: string }) {
  const Drawing = pages[page]
  return (
    <svg
      viewBox={`0 0 ${FRAME_WIDTH} ${Drawing.height}`}
      role="img"
      aria-label={summary}
      className="console-art"
      data-page={page}
      fontFamily="system-ui, sans-serif"
    >
      <Drawing {...props} />
    </svg>
  )
}

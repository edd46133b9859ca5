import type { ReactNode } from 'react'
import { Callout, Text, textWidth, type PageProps } from './svg-parts'

export const FRAME_WIDTH = 600
/** Where a page's own content starts, below the browser bar and the console's top bar. */
export const CONTENT_TOP = 76

/** The account menu's other entries; only the ids Cairn points at come from main. */
const otherMenuItems = ['Organization', 'Service Quotas', 'Billing and Cost Management', 'Settings']

/**
 * A browser window on the AWS console: address bar, the console's dark top bar with the
 * account-name menu at the top right, and the page below. A sketch, not a screenshot.
 */
export function ConsoleFrame({
  height,
  address,
  page,
  menuOpen = false,
  children
}: {
  height: number
  address: string
  page: PageProps
  menuOpen?: boolean
  children: ReactNode
}) {
  const accountText = 'Your account name'
  // Bold text runs wider than the estimate.
  const accountWidth = Math.ceil(textWidth(`${accountText} ▾`) * 1.1) + 20
  const accountX = FRAME_WIDTH - accountWidth - 12
  const n = page.callouts['account-name']
  return (
    <>
      <rect x={0.5} y={0.5} width={FRAME_WIDTH - 1} height={height - 1} rx={10} className="ca-window" />
      <g className="ca-browser-bar">
        <path d={`M0.5 30 V10.5 a10 10 0 0 1 10 -10 H${FRAME_WIDTH - 10.5} a10 10 0 0 1 10 10 V30 Z`} className="ca-chrome" />
        {[16, 30, 44].map((cx) => (
          <circle key={cx} cx={cx} cy={15} r={4.5} className="ca-chrome-dot" />
        ))}
        <rect x={62} y={6} width={FRAME_WIDTH - 80} height={18} rx={9} className="ca-address" />
        <Text x={74} y={19} size={11} className="ca-muted">
          {address}
        </Text>
      </g>
      <rect x={0.5} y={30} width={FRAME_WIDTH - 1} height={34} className="ca-topbar" />
      <Text x={14} y={52} size={16} weight={800} className="ca-topbar-text">
        aws
      </Text>
      <path d="M14 56 q 14 6 28 0" className="ca-smile" />
      <Text x={60} y={52} className="ca-topbar-text">
        Services ▾
      </Text>
      <rect x={140} y={39} width={170} height={18} rx={4} className="ca-search" />
      <Text x={148} y={52} size={11} className="ca-topbar-muted">
        Search
      </Text>
      <Text x={accountX + 12} y={52} weight={600} className="ca-topbar-text">
        {accountText} ▾
      </Text>
      {n !== undefined ? <rect x={accountX - 2} y={36} width={accountWidth + 4} height={24} rx={6} className="ca-highlight ca-highlight-dark" /> : null}
      <Callout n={n} x={accountX} y={36} />
      {children}
      {menuOpen ? <AccountMenu page={page} right={FRAME_WIDTH - 12} /> : null}
    </>
  )
}

function AccountMenu({ page, right }: { page: PageProps; right: number }) {
  const width = 230
  const x = right - width
  const items: Array<{ text: string; id?: 'account' | 'security-credentials' }> = [
    { text: page.labels.account.text, id: 'account' },
    { text: otherMenuItems[0]! },
    { text: otherMenuItems[1]! },
    { text: otherMenuItems[2]! },
    { text: page.labels['security-credentials'].text, id: 'security-credentials' },
    { text: otherMenuItems[3]! }
  ]
  return (
    <g>
      <rect x={x} y={66} width={width} height={items.length * 26 + 50} rx={8} className="ca-menu" />
      <Text x={x + 14} y={86} size={11} className="ca-muted">
        Account ID: 1234-5678-9012
      </Text>
      {items.map((item, i) => {
        const y = 96 + i * 26
        const n = item.id ? page.callouts[item.id] : undefined
        const label = item.id ? page.labels[item.id] : undefined
        return (
          <g key={item.text}>
            <Text x={x + 14} y={y + 16}>
              {item.text}
            </Text>
            {n !== undefined && label ? (
              <rect x={x + 6} y={y} width={width - 12} height={24} rx={5} className={label.confirmed ? 'ca-highlight' : 'ca-highlight ca-unconfirmed'} />
            ) : null}
            <Callout n={n} x={x - 4} y={y + 12} />
          </g>
        )
      })}
      <rect x={x + 14} y={96 + items.length * 26 + 4} width={72} height={22} rx={11} className="ca-button" />
      <Text x={x + 26} y={96 + items.length * 26 + 19} weight={600} className="ca-button-text">
        Sign out
      </Text>
    </g>
  )
}

import { Welcome } from './screens/Welcome'

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <span className="brand" aria-hidden="true">
          <CairnMark />
        </span>
        <span className="brand-name">Cairn</span>
      </header>
      <main className="screen" id="main">
        <Welcome />
      </main>
    </div>
  )
}

function CairnMark() {
  return (
    <svg width="28" height="28" viewBox="0 0 32 32" focusable="false">
      <ellipse cx="16" cy="26" rx="11" ry="4" fill="currentColor" opacity="0.9" />
      <ellipse cx="16" cy="18.5" rx="8" ry="3.5" fill="currentColor" opacity="0.75" />
      <ellipse cx="16" cy="12" rx="5.5" ry="3" fill="currentColor" opacity="0.6" />
      <ellipse cx="16" cy="6.5" rx="3" ry="2.2" fill="currentColor" opacity="0.45" />
    </svg>
  )
}

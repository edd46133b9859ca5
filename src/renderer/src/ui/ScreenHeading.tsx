import { useEffect, useRef, type ReactNode } from 'react'

/**
 * A screen's h1, focused when the screen opens so keyboard and screen-reader users land at
 * the top of the new step instead of on a button that no longer exists.
 */
export function ScreenHeading({ children, id }: { children: ReactNode; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    ref.current?.focus({ preventScroll: false })
  }, [])
  return (
    <h1 ref={ref} id={id} tabIndex={-1} className="screen-heading">
      {children}
    </h1>
  )
}

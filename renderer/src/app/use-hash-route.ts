// The current hash route, and navigation that asks a guard first (unsaved edits in the case view).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Route } from './route.js';
import { formatRoute, parseRoute } from './route.js';

/** Returns true when navigation may go ahead now. */
export type LeaveGuard = (proceed: () => void) => boolean;

export function useHashRoute() {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  const guard = useRef<LeaveGuard | null>(null);
  const current = useRef(route);
  current.current = route;

  useEffect(() => {
    const onHash = () => {
      const next = parseRoute(window.location.hash);
      const g = guard.current;
      if (g && current.current.view === 'case' && formatRoute(next) !== formatRoute(current.current)) {
        const back = formatRoute(current.current);
        const proceed = () => {
          guard.current = null;
          window.location.hash = formatRoute(next);
          setRoute(next);
        };
        if (!g(proceed)) {
          history.replaceState(null, '', back);
          return;
        }
      }
      setRoute(next);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const navigate = useCallback((next: Route) => {
    window.location.hash = formatRoute(next);
  }, []);

  const setGuard = useCallback((g: LeaveGuard | null) => {
    guard.current = g;
  }, []);

  return { route, navigate, setGuard };
}

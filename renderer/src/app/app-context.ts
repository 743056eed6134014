// What every view needs: the connection to the core, the project, settings, and a way to show errors.
import { createContext, useContext } from 'react';
import type { ProjectInfo, Settings } from '../../../electron/contract/types.js';
import type { Connection } from '../api/connect.js';

export interface AppContextValue {
  conn: Connection;
  info: ProjectInfo;
  settings: Settings;
  updateSettings(values: Partial<Settings>): Promise<void>;
  reportError(err: unknown, doing?: string): void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const v = useContext(AppContext);
  if (!v) throw new Error('useApp outside <AppContext.Provider>');
  return v;
}

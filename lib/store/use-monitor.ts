'use client';

import { useContext } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { MonitorActions, MonitorState } from './monitor-state';
import { MonitorStoreContext } from './store-provider';

function useMonitorStore() {
  const store = useContext(MonitorStoreContext);
  if (!store) throw new Error('useMonitor must be used inside <MonitorStoreProvider>');
  return store;
}

/** Selects one value from the dashboard store; re-renders only when it changes by identity. */
export function useMonitor<T>(selector: (state: MonitorState) => T): T {
  return useStore(useMonitorStore(), selector);
}

/** Selects an object or array whose members are compared shallowly (for derived lists and picks). */
export function useMonitorShallow<T>(selector: (state: MonitorState) => T): T {
  return useStore(useMonitorStore(), useShallow(selector));
}

/** The store's actions; stable for the page's lifetime. */
export function useMonitorActions(): MonitorActions {
  return useStore(useMonitorStore(), (s) => s.actions);
}

/** The store itself, for effects that subscribe to changes without re-rendering (alert sounds). */
export function useMonitorStoreApi() {
  return useMonitorStore();
}

import { createContext, useContext } from 'react';

/** How a node or edge is marked: an issue in the designer, the case's position in the console, a diff. */
export type Mark = 'error' | 'warning' | 'active' | 'done' | 'added' | 'changed' | 'removed';

/** Marks by element id, provided around a process graph; a node reads only its own. */
export const MarksContext = createContext<ReadonlyMap<string, Mark>>(new Map());

export function useMark(id: string): Mark | undefined {
  return useContext(MarksContext).get(id);
}

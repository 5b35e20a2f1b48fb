import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createDesignerStore, type DesignerState } from './store';
import { validateGraph } from './validation';

/** The designer's one store: the graph being drawn, with its undo history. */
export const designerStore = createDesignerStore();

export function useDesigner<T>(selector: (state: DesignerState) => T): T {
  return useStore(designerStore, selector);
}

export function useHistory<T>(selector: (state: ReturnType<typeof designerStore.temporal.getState>) => T): T {
  return useStore(designerStore.temporal, selector);
}

const VALIDATION_DELAY_MS = 120;

/** Validates the graph whenever its content changes (not on selection), a moment after the last change. */
export function useLiveValidation(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      const { item, nodes, edges, directory } = designerStore.getState();
      designerStore.getState().setValidation(validateGraph({ item, nodes, edges }, directory));
    };
    run();
    const unsubscribe = designerStore.subscribe((state, previous) => {
      if (state.item === previous.item && state.nodes === previous.nodes && state.edges === previous.edges && state.directory === previous.directory) return;
      if (state.nodes !== previous.nodes && state.directory === previous.directory && state.item === previous.item && state.edges === previous.edges && sameContent(state, previous)) return;
      clearTimeout(timer);
      timer = setTimeout(run, VALIDATION_DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, []);
}

/** True when only view state (selection, size, position) of nodes changed: validation would not change. */
function sameContent(a: DesignerState, b: DesignerState): boolean {
  if (a.nodes.length !== b.nodes.length) return false;
  return a.nodes.every((n, i) => n.id === b.nodes[i]?.id && n.data === b.nodes[i]?.data);
}

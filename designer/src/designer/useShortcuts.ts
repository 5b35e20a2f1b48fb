import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { autoLayout, copy, paste, redo, undo } from './commands';

function editing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/**
 * Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z or Ctrl+Y redo, Ctrl/⌘+C copy, Ctrl/⌘+V paste, Shift+L lay out,
 * Shift+F fit the view; Delete is React Flow's own. Ignored while typing in a field.
 */
export function useShortcuts(onSave: () => void): void {
  const flow = useReactFlow();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (editing(event.target)) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const run = (command: () => void) => {
        event.preventDefault();
        command();
      };
      if (mod && key === 'z') run(event.shiftKey ? redo : undo);
      else if (mod && key === 'y') run(redo);
      else if (mod && key === 'c') run(copy);
      else if (mod && key === 'v') run(paste);
      else if (mod && key === 's') run(onSave);
      else if (!mod && event.shiftKey && key === 'l') run(() => autoLayout(flow));
      else if (!mod && event.shiftKey && key === 'f') run(() => void flow.fitView({ duration: 200 }));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [flow, onSave]);
}

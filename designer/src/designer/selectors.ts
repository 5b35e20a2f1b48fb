import type { DesignerState } from './store';

export const selectNodes = (s: DesignerState) => s.nodes;
export const selectEdges = (s: DesignerState) => s.edges;
export const selectItem = (s: DesignerState) => s.item;
export const selectSelection = (s: DesignerState) => s.selection;
export const selectValidation = (s: DesignerState) => s.validation;
export const selectDraft = (s: DesignerState) => s.draft;
export const selectDirty = (s: DesignerState) => s.dirty;
export const selectHasErrors = (s: DesignerState) => s.validation === null || s.validation.errors.length > 0;
export const selectOnNodesChange = (s: DesignerState) => s.onNodesChange;
export const selectOnEdgesChange = (s: DesignerState) => s.onEdgesChange;
export const selectConnect = (s: DesignerState) => s.connect;
export const selectAddNode = (s: DesignerState) => s.addNode;

import { describe, expect, it } from 'vitest';
import { validateDefinition, type ProcessDefinition } from '../../domain/definition';
import { createDesignerStore, currentDefinition } from '../../designer/src/designer/store';
import { issueTarget, severityByElement, validateGraph } from '../../designer/src/designer/validation';
import { definitionFixtures } from '../fixtures/definitions';

function fixture(name: keyof typeof definitionFixtures): ProcessDefinition {
  const { definition } = validateDefinition(definitionFixtures[name]);
  if (!definition) throw new Error(`fixture ${name} is not schema-valid`);
  return definition;
}

const history = (store: ReturnType<typeof createDesignerStore>) => store.temporal.getState();

describe('designer store', () => {
  it.each(Object.keys(definitionFixtures) as (keyof typeof definitionFixtures)[])('loads %s and gives back the same definition', (name) => {
    const definition = fixture(name);
    const store = createDesignerStore(definition);
    expect(currentDefinition(store.getState())).toEqual(definition);
  });

  it('starts with a new definition that passes validation', () => {
    const store = createDesignerStore();
    expect(validateGraph(store.getState()).errors).toEqual([]);
  });

  it('adds a node, connects it with its stage action, edits it, and undoes and redoes each step', () => {
    const store = createDesignerStore(fixture('sequential-licence'));
    const before = currentDefinition(store.getState());
    const id = store.getState().addNode({ kind: 'task', stage: 'review' }, { x: 10, y: 20 });
    expect(store.getState().selection).toEqual({ kind: 'node', id });
    const node = store.getState().nodes.find((n) => n.id === id);
    expect(node?.type).toBe('task');
    expect(node?.data).toMatchObject({ stage: 'review', role: 'reviewer' });

    const edgeId = store.getState().connect({ source: id, target: 'start', sourceHandle: null, targetHandle: null });
    expect(store.getState().edges.find((e) => e.id === edgeId)?.data).toEqual({ action: 'complete' });
    const second = store.getState().connect({ source: id, target: 'accept', sourceHandle: null, targetHandle: null });
    expect(store.getState().edges.find((e) => e.id === second)?.data).toEqual({ action: 'return' });
    expect(store.getState().connect({ source: id, target: 'accept', sourceHandle: null, targetHandle: null })).toBeNull();

    store.getState().updateNodeData(id, { name: '复核', stepLimitDays: 3 });
    expect(store.getState().nodes.find((n) => n.id === id)?.data).toMatchObject({ name: '复核', stepLimitDays: 3 });

    expect(history(store).pastStates).toHaveLength(4);
    history(store).undo();
    expect(store.getState().nodes.find((n) => n.id === id)?.data.name).toBe('审核');
    history(store).undo(3);
    expect(currentDefinition(store.getState())).toEqual(before);
    history(store).redo(4);
    expect(store.getState().nodes.find((n) => n.id === id)?.data.name).toBe('复核');
    expect(store.getState().edges.map((e) => e.id)).toContain(second);
  });

  it('records a whole drag as one undo step, and selection not at all', () => {
    const store = createDesignerStore(fixture('sequential-licence'));
    const start = store.getState().nodes.find((n) => n.id === 'accept')?.position;
    store.getState().onNodesChange([{ type: 'select', id: 'accept', selected: true }]);
    expect(history(store).pastStates).toHaveLength(0);
    for (let x = 1; x <= 30; x += 1) {
      store.getState().onNodesChange([{ type: 'position', id: 'accept', position: { x: (start?.x ?? 0) + x, y: start?.y ?? 0 }, dragging: true }]);
    }
    store.getState().onNodesChange([{ type: 'position', id: 'accept', dragging: false }]);
    expect(history(store).pastStates).toHaveLength(1);
    expect(store.getState().nodes.find((n) => n.id === 'accept')?.position.x).toBe((start?.x ?? 0) + 30);
    history(store).undo();
    expect(store.getState().nodes.find((n) => n.id === 'accept')?.position).toEqual(start);
  });

  it('copies the selected nodes with the edges between them and pastes them under fresh ids', () => {
    const store = createDesignerStore(fixture('parallel-approval'));
    store.getState().onNodesChange([
      { type: 'select', id: 'fire-check', selected: true },
      { type: 'select', id: 'fire-review', selected: true },
    ]);
    store.getState().copySelection();
    const count = { nodes: store.getState().nodes.length, edges: store.getState().edges.length };
    store.getState().paste();
    const state = store.getState();
    expect(state.nodes).toHaveLength(count.nodes + 2);
    expect(state.edges).toHaveLength(count.edges + 2);
    const pasted = state.nodes.filter((n) => n.selected);
    expect(pasted.map((n) => n.data.name).sort()).toEqual(['消防初审', '消防复核']);
    const ids = new Set(pasted.map((n) => n.id));
    expect(ids.has('fire-check')).toBe(false);
    for (const edge of state.edges.slice(count.edges)) {
      expect(ids.has(edge.source) && ids.has(edge.target)).toBe(true);
    }
    expect(new Set(state.nodes.map((n) => n.id)).size).toBe(state.nodes.length);
    expect(validateDefinition(currentDefinition(state)).definition).toBeDefined();
  });

  it('deletes a selected node with its edges; validation then names the broken nodes', () => {
    const store = createDesignerStore(fixture('parallel-approval'));
    store.getState().select({ kind: 'node', id: 'join' });
    store.getState().deleteSelection();
    const state = store.getState();
    expect(state.nodes.some((n) => n.id === 'join')).toBe(false);
    expect(state.edges.some((e) => e.source === 'join' || e.target === 'join')).toBe(false);
    const validation = validateGraph(state);
    expect(validation.ok).toBe(false);
    const marked = severityByElement(validation, state);
    expect([...marked.values()]).toContain('error');
    for (const issue of validation.errors) {
      const target = issueTarget(issue, state);
      if (target.kind === 'node') expect(state.nodes.some((n) => n.id === target.id)).toBe(true);
    }
  });

  it('points a schema issue at the node its JSON pointer falls in', () => {
    const store = createDesignerStore(fixture('sequential-licence'));
    const id = store.getState().nodes[2]?.id as string;
    store.getState().updateNodeData(id, { name: '' });
    const validation = validateGraph(store.getState());
    const issue = validation.errors.find((e) => e.path?.startsWith('/nodes/2'));
    expect(issue).toBeDefined();
    expect(issueTarget(issue!, store.getState())).toEqual({ kind: 'node', id });
  });

  it('keeps a moved node\'s position but not a computed one', () => {
    const definition = fixture('sequential-licence');
    const { layout: _layout, ...withoutLayout } = definition;
    const store = createDesignerStore(withoutLayout);
    expect(currentDefinition(store.getState()).layout).toBeUndefined();
    store.getState().onNodesChange([{ type: 'position', id: 'start', position: { x: -50, y: 5 }, dragging: false }]);
    expect(currentDefinition(store.getState()).layout?.positions).toEqual({ start: { x: -50, y: 5 } });
  });

  it('quick-appends the next step and its edge in one undo step, never after an end', () => {
    const store = createDesignerStore(fixture('sequential-licence'));
    const id = store.getState().append('accept');
    expect(id).not.toBeNull();
    const { nodes, edges, selection } = store.getState();
    const added = nodes.find((n) => n.id === id);
    expect(added).toMatchObject({ type: 'task', data: { stage: 'undertake', role: 'undertaker', department: 'health-commission' } });
    expect(edges.filter((e) => e.source === 'accept' && e.target === id)).toHaveLength(1);
    expect(selection).toEqual({ kind: 'node', id });
    history(store).undo();
    expect(store.getState().nodes.some((n) => n.id === id)).toBe(false);
    expect(store.getState().edges.some((e) => e.target === id)).toBe(false);
    expect(store.getState().append('end-approved')).toBeNull();
  });

  it('marks tasks naming a department or role outside the directory once the directory is known', () => {
    const store = createDesignerStore(fixture('sequential-licence'));
    expect(validateGraph(store.getState()).errors).toEqual([]);
    const directory = { departments: ['health-commission'], positions: ['acceptor', 'undertaker', 'approver'] };
    const errors = validateGraph(store.getState(), directory).errors;
    expect(errors.map((e) => [e.code, e.nodeId])).toEqual([['UNKNOWN_ROLE', 'review']]);
  });
});

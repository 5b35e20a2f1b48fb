import { ApiError } from '../api/client';
import { getDraft, getVersion, listVersions, publishDraft, saveDraft, type VersionSummary } from '../api/definitions';
import type { KeyedSend } from '../ui/useKeyedAction';
import { newDefinition } from './defaults';
import { currentDefinition } from './store';
import { designerStore } from './useDesigner';

/** Opens an item's draft; without one, its latest version; a new item starts from the smallest valid process. */
export async function openDraft(itemCode: string | null): Promise<void> {
  const store = designerStore.getState();
  if (itemCode === null) {
    store.load(newDefinition(), null);
  } else {
    try {
      const draft = await getDraft(itemCode);
      store.load(draft.definition, { itemCode, revision: draft.revision, baseVersion: draft.baseVersion });
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
      const versions = await listVersions(itemCode);
      const latest = versions.at(-1);
      if (latest === undefined) throw error;
      const version = await getVersion(itemCode, latest.version);
      store.load(version.definition, { itemCode, revision: null, baseVersion: latest.version });
    }
  }
  designerStore.temporal.getState().clear();
}

/**
 * Saves the draft under the item's code; answers that code. `send` holds the save's key
 * ({@link useKeyedAction}): a click repeated after a lost answer sends the same save under the
 * same key, which answers the revision it wrote instead of a stale revision.
 */
export async function saveCurrentDraft(send: KeyedSend): Promise<string> {
  const state = designerStore.getState();
  const definition = currentDefinition(state);
  const sameItem = state.draft?.itemCode === definition.item.code;
  const revision = sameItem ? (state.draft?.revision ?? null) : null;
  const itemCode = definition.item.code;
  const saved = await send({ save: itemCode, definition, revision }, (key) => saveDraft(itemCode, definition, revision, key));
  state.markSaved({ itemCode: saved.itemCode, revision: saved.revision, baseVersion: saved.baseVersion });
  return saved.itemCode;
}

/**
 * Saves the draft when it has changes (or is not saved under its item's code yet), then
 * publishes it as a new immutable version under a key `send` holds: a click repeated after a
 * lost answer publishes nothing more and answers the version the first made.
 */
export async function publishCurrentDraft(send: KeyedSend): Promise<VersionSummary> {
  const state = designerStore.getState();
  const saved = !state.dirty && state.draft?.itemCode === currentDefinition(state).item.code && state.draft.revision !== null;
  const itemCode = saved && state.draft ? state.draft.itemCode : await saveCurrentDraft(send);
  const revision = designerStore.getState().draft?.revision;
  if (revision === null || revision === undefined) throw new Error('The draft has no revision to publish.');
  const version = await send({ publish: itemCode, revision }, (key) => publishDraft(itemCode, revision, key));
  const { draft } = designerStore.getState();
  designerStore.getState().markSaved({ itemCode, revision: draft?.revision ?? null, baseVersion: version.version });
  return version;
}

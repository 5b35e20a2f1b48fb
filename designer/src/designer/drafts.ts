import { ApiError } from '../api/client';
import { getDraft, getVersion, listVersions, publishDraft, saveDraft, type VersionSummary } from '../api/definitions';
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

/** Saves the draft under the item's code; answers that code. */
export async function saveCurrentDraft(): Promise<string> {
  const state = designerStore.getState();
  const definition = currentDefinition(state);
  const sameItem = state.draft?.itemCode === definition.item.code;
  const saved = await saveDraft(definition.item.code, definition, sameItem ? (state.draft?.revision ?? null) : null);
  state.markSaved({ itemCode: saved.itemCode, revision: saved.revision, baseVersion: saved.baseVersion });
  return saved.itemCode;
}

/** Saves, then publishes the draft as a new immutable version. */
export async function publishCurrentDraft(): Promise<VersionSummary> {
  const itemCode = await saveCurrentDraft();
  const revision = designerStore.getState().draft?.revision;
  if (revision === null || revision === undefined) throw new Error('The draft has no revision to publish.');
  const version = await publishDraft(itemCode, revision);
  const { draft } = designerStore.getState();
  designerStore.getState().markSaved({ itemCode, revision: draft?.revision ?? null, baseVersion: version.version });
  return version;
}

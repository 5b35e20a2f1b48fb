import { useTranslation } from 'react-i18next';
import { edgeActions, type EdgeAction } from '../../../domain/definition';
import { CheckField, SelectField, TextField } from '../ui/fields';
import type { DesignerEdge, EdgeData } from './types';
import { designerStore } from './useDesigner';

/** The selected edge: the action that takes it, or its condition and default flag out of a choice. */
export function EdgeInspector({ edge }: { edge: DesignerEdge }) {
  const { t } = useTranslation();
  const data: EdgeData = edge.data ?? {};
  const set = (next: EdgeData) => designerStore.getState().updateEdgeData(edge.id, next);
  const withField = <K extends keyof EdgeData>(key: K, value: EdgeData[K] | undefined): EdgeData => {
    const { [key]: _old, ...rest } = data;
    return value === undefined ? rest : { ...rest, [key]: value };
  };
  return (
    <div className="inspector-body" key={edge.id}>
      <h2>
        {t('kind.edge')} <code>{edge.id}</code>
      </h2>
      <p className="muted">
        {edge.source} → {edge.target}
      </p>
      <SelectField<EdgeAction>
        label={t('inspector.action')}
        value={data.action ?? ''}
        testId="inspector-action"
        options={[{ value: '', label: t('inspector.noAction') }, ...edgeActions.map((a) => ({ value: a, label: t(`action.${a}`) }))]}
        onChange={(action) => set(withField('action', action === '' ? undefined : action))}
      />
      <TextField
        label={t('inspector.condition')}
        hint={t('inspector.conditionHint')}
        value={data.condition ?? ''}
        testId="inspector-condition"
        onChange={(condition) => set(withField('condition', condition === '' ? undefined : condition))}
      />
      <CheckField label={t('inspector.default')} checked={data.default === true} onChange={(on) => set(withField('default', on ? true : undefined))} />
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { edgeActions, type EdgeAction } from '../../../domain/definition';
import { CheckField, SelectField, TextField } from '../ui/fields';
import type { DesignerEdge, EdgeData } from './types';
import type { DesignerState } from './store';
import { designerStore, useDesigner } from './useDesigner';

const selectFormFields = (s: DesignerState) => s.item.catalogue.formSchema;

/** The selected edge: the action that takes it, or its condition and default flag out of a choice. */
export function EdgeInspector({ edge }: { edge: DesignerEdge }) {
  const { t } = useTranslation();
  const formSchema = useDesigner(selectFormFields) as { properties?: Record<string, { title?: string }> };
  const fields = Object.entries(formSchema.properties ?? {});
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
      {fields.length > 0 && (
        <div className="form-fields" aria-label={t('inspector.formFields')}>
          <small>{t('inspector.formFields')}</small>
          {fields.map(([name, field]) => (
            <button key={name} type="button" className="chip" title={field.title} onClick={() => set(withField('condition', `${data.condition ? `${data.condition} ` : ''}data.${name}`))}>
              data.{name}
            </button>
          ))}
        </div>
      )}
      <CheckField label={t('inspector.default')} checked={data.default === true} onChange={(on) => set(withField('default', on ? true : undefined))} />
    </div>
  );
}

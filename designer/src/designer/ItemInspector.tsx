import { useTranslation } from 'react-i18next';
import { itemCategories, type CatalogueMaterial, type ItemInfo } from '../../../domain/definition';
import { CheckField, JsonField, LinesField, NumberField, SelectField, Section, TextField } from '../ui/fields';
import { ClockSettings } from './ClockSettings';
import { DEPARTMENTS_LIST } from './DepartmentOptions';
import { designerStore } from './useDesigner';

const update = (item: ItemInfo) => designerStore.getState().updateItem(item);
const days = (value: number | undefined) => ({ value: value ?? 0, unit: 'working-day' as const });

/** The item (事项) the process belongs to: limits, fee, catalogue data and application form schema. */
export function ItemInspector({ item }: { item: ItemInfo }) {
  const { t } = useTranslation();
  const set = <K extends keyof ItemInfo>(key: K, value: ItemInfo[K]) => update({ ...item, [key]: value });
  const catalogue = item.catalogue;
  return (
    <div className="inspector-body">
      <h2>{t('kind.item')}</h2>
      <TextField label={t('item.code')} value={item.code} testId="item-code" onChange={(v) => set('code', v)} />
      <TextField label={t('item.name')} value={item.name} testId="item-name" onChange={(v) => set('name', v)} />
      <SelectField
        label={t('item.category')}
        value={item.category}
        options={itemCategories.map((c) => ({ value: c, label: t(`category.${c}`) }))}
        onChange={(v) => v !== '' && set('category', v)}
      />
      <TextField label={t('item.department')} value={item.department} list={DEPARTMENTS_LIST} testId="item-department" onChange={(v) => set('department', v)} />
      <Section title={t('item.limits')}>
        <NumberField label={t('item.statutoryLimit')} value={item.statutoryLimit.value} min={1} testId="item-statutory" onChange={(v) => set('statutoryLimit', days(v))} />
        <NumberField label={t('item.promisedLimit')} value={item.promisedLimit.value} min={1} testId="item-promised" onChange={(v) => set('promisedLimit', days(v))} />
        <NumberField label={t('item.redCardGraceDays')} value={item.redCardGraceDays} min={1} onChange={(v) => set('redCardGraceDays', v ?? 0)} />
        <NumberField label={t('item.supplementNoticeDays')} value={item.supplementNoticeDays} min={1} onChange={(v) => set('supplementNoticeDays', v ?? 5)} />
      </Section>
      <ClockSettings item={item} onChange={update} />
      <Section title={t('item.fee')}>
        <NumberField label={t('item.feeStandard')} value={item.fee.standard} min={0} step={0.01} testId="item-fee" onChange={(v) => set('fee', { ...item.fee, standard: v ?? 0 })} />
        <TextField
          label={t('item.feeBasis')}
          value={item.fee.basis ?? ''}
          onChange={(basis) => {
            const { basis: _b, ...rest } = item.fee;
            set('fee', basis === '' ? rest : { ...rest, basis });
          }}
        />
      </Section>
      <Section title={t('item.catalogue')}>
        <LinesField label={t('item.conditions')} hint={t('inspector.onePerLine')} value={catalogue.conditions} onChange={(conditions) => set('catalogue', { ...catalogue, conditions })} />
        <Materials materials={catalogue.materials} onChange={(materials) => set('catalogue', { ...catalogue, materials })} />
        <JsonField
          label={t('item.formSchema')}
          value={catalogue.formSchema}
          invalidText={t('item.formSchemaInvalid')}
          testId="item-form-schema"
          onChange={(formSchema) => {
            if (typeof formSchema === 'object' && formSchema !== null && !Array.isArray(formSchema)) set('catalogue', { ...catalogue, formSchema: formSchema as Record<string, unknown> });
          }}
        />
      </Section>
    </div>
  );
}

function Materials({ materials, onChange }: { materials: CatalogueMaterial[]; onChange(materials: CatalogueMaterial[]): void }) {
  const { t } = useTranslation();
  const change = (index: number, material: CatalogueMaterial) => onChange(materials.map((m, i) => (i === index ? material : m)));
  return (
    <div className="materials">
      <h3>{t('item.materials')}</h3>
      {materials.map((m, index) => (
        <div className="material" key={index}>
          <TextField label={t('item.materialName')} value={m.name} onChange={(name) => change(index, { ...m, name })} />
          <NumberField label={t('item.copies')} value={m.copies} min={1} onChange={(copies) => change(index, copies === undefined ? { name: m.name, required: m.required } : { ...m, copies })} />
          <CheckField label={t('item.required')} checked={m.required} onChange={(required) => change(index, { ...m, required })} />
          <button type="button" className="link" onClick={() => onChange(materials.filter((_, i) => i !== index))}>
            {t('common.remove')}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...materials, { name: t('item.newMaterial'), required: true, copies: 1 }])}>
        {t('item.addMaterial')}
      </button>
    </div>
  );
}

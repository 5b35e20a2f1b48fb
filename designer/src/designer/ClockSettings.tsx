import { useTranslation } from 'react-i18next';
import type { ItemInfo } from '../../../domain/definition';
import { itemSchema } from '../../../domain/definition/schema/item';
import { DEFAULT_PAUSE_LIMITS, type PauseLimits } from '../../../domain/ladder/pause-limits';
import { NumberField, Section, SelectField } from '../ui/fields';

type FlowLock = NonNullable<ItemInfo['flowLock']>;
const FLOW_LOCKS = itemSchema.properties.flowLock.enum;
const LIMITS = itemSchema.properties.pauseLimits.properties;
const PAUSE_KEYS = Object.keys(LIMITS) as (keyof PauseLimits)[];

/** The item with its flow-lock setting; empty leaves it to the default. */
export function withFlowLock(item: ItemInfo, value: FlowLock | ''): ItemInfo {
  const { flowLock: _old, ...rest } = item;
  return value === '' ? rest : { ...rest, flowLock: value };
}

/** The item with one pause limit set, or removed (the default applies); no limits left, no `pauseLimits`. */
export function withPauseLimit(item: ItemInfo, key: keyof PauseLimits, value: number | undefined): ItemInfo {
  const { pauseLimits: old, ...rest } = item;
  const limits = { ...old };
  if (value === undefined) delete limits[key];
  else limits[key] = value;
  return Object.keys(limits).length === 0 ? rest : { ...rest, pauseLimits: limits };
}

/**
 * The clock rules the supervised cannot bend, per item: the card that locks the flow (流程锁定)
 * and the limits of the pauses (中止, 补正, 一次性告知). An empty field takes the default shown;
 * the bounds are the definition schema's, and the draft's check names any value outside them.
 */
export function ClockSettings({ item, onChange }: { item: ItemInfo; onChange(item: ItemInfo): void }) {
  const { t } = useTranslation();
  const setFlowLock = (value: FlowLock | '') => onChange(withFlowLock(item, value));
  const setLimit = (key: keyof PauseLimits, value: number | undefined) => onChange(withPauseLimit(item, key, value));
  return (
    <Section title={t('item.clockRules')}>
      <SelectField<FlowLock>
        label={t('item.flowLock')}
        value={item.flowLock ?? ''}
        testId="item-flow-lock"
        options={[{ value: '', label: t('item.flowLockDefault') }, ...FLOW_LOCKS.map((v) => ({ value: v, label: t(`item.flowLocks.${v}`) }))]}
        onChange={setFlowLock}
      />
      {PAUSE_KEYS.map((key) => (
        <NumberField
          key={key}
          label={t(`item.pauseLimits.${key}`)}
          value={item.pauseLimits?.[key]}
          min={LIMITS[key].minimum}
          max={LIMITS[key].maximum}
          hint={t('item.pauseDefault', { value: DEFAULT_PAUSE_LIMITS[key] })}
          testId={`item-pause-${key}`}
          onChange={(v) => setLimit(key, v)}
        />
      ))}
    </Section>
  );
}

import { useTranslation } from 'react-i18next';
import { endOutcomes, riskLevels, specialProcedureKinds, taskStages, type NodeKind } from '../../../domain/definition';
import { CheckField, LinesField, NumberField, SelectField, Section, TextField } from '../ui/fields';
import { DEPARTMENTS_LIST } from './DepartmentOptions';
import type { DesignerNode, NodeData, TaskFlowNode } from './types';
import { designerStore } from './useDesigner';

const patch = (id: string, data: Partial<NodeData<NodeKind>>) => designerStore.getState().updateNodeData(id, data);
const replace = (id: string, data: NodeData<NodeKind>) => designerStore.getState().replaceNodeData(id, data);

/** Every field of the selected node. */
export function NodeInspector({ node }: { node: DesignerNode }) {
  const { t } = useTranslation();
  return (
    <div className="inspector-body" key={node.id}>
      <h2>
        {t(`kind.${node.type}`)} <code>{node.id}</code>
      </h2>
      <TextField label={t('inspector.name')} value={node.data.name} testId="inspector-name" onChange={(name) => patch(node.id, { name })} />
      {node.type === 'task' && <TaskFields node={node} />}
      {node.type === 'end' && (
        <SelectField
          label={t('inspector.outcome')}
          value={node.data.outcome}
          testId="inspector-outcome"
          options={endOutcomes.map((o) => ({ value: o, label: t(`outcome.${o}`) }))}
          onChange={(outcome) => outcome !== '' && patch(node.id, { outcome })}
        />
      )}
    </div>
  );
}

function TaskFields({ node }: { node: TaskFlowNode }) {
  const { t } = useTranslation();
  const { data } = node;
  const without = <K extends keyof typeof data>(key: K) => {
    const { [key]: _removed, ...rest } = data;
    return rest as NodeData<'task'>;
  };
  return (
    <>
      <SelectField
        label={t('inspector.stage')}
        value={data.stage}
        testId="inspector-stage"
        options={taskStages.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
        onChange={(stage) => stage !== '' && patch(node.id, { stage })}
      />
      <TextField label={t('inspector.role')} hint={t('inspector.roleHint')} value={data.role} testId="inspector-role" onChange={(role) => patch(node.id, { role })} />
      <TextField label={t('inspector.department')} value={data.department} list={DEPARTMENTS_LIST} testId="inspector-department" onChange={(department) => patch(node.id, { department })} />
      <NumberField
        label={t('inspector.stepLimitDays')}
        value={data.stepLimitDays}
        min={1}
        testId="inspector-step-limit"
        onChange={(days) => (days === undefined ? replace(node.id, without('stepLimitDays')) : patch(node.id, { stepLimitDays: days }))}
      />
      <Section title={t('inspector.specialProcedure')}>
        <CheckField
          label={t('inspector.hasSpecialProcedure')}
          checked={data.specialProcedure !== undefined}
          testId="inspector-special"
          onChange={(on) => (on ? patch(node.id, { specialProcedure: { kind: 'expert-review', limitDays: 10 } }) : replace(node.id, without('specialProcedure')))}
        />
        {data.specialProcedure && (
          <>
            <SelectField
              label={t('inspector.specialKind')}
              value={data.specialProcedure.kind}
              options={specialProcedureKinds.map((k) => ({ value: k, label: t(`special.${k}`) }))}
              onChange={(kind) => kind !== '' && patch(node.id, { specialProcedure: { ...data.specialProcedure, kind } })}
            />
            <NumberField
              label={t('inspector.specialLimitDays')}
              value={data.specialProcedure.limitDays}
              min={1}
              onChange={(limitDays) => {
                const { limitDays: _l, ...rest } = data.specialProcedure ?? { kind: 'other' as const };
                patch(node.id, { specialProcedure: limitDays === undefined ? rest : { ...rest, limitDays } });
              }}
            />
          </>
        )}
      </Section>
      <Section title={t('inspector.riskPoint')}>
        <CheckField
          label={t('inspector.hasRiskPoint')}
          checked={data.riskPoint !== undefined}
          testId="inspector-risk"
          onChange={(on) => (on ? patch(node.id, { riskPoint: { level: 'medium', requiredDocuments: [] } }) : replace(node.id, without('riskPoint')))}
        />
        {data.riskPoint && (
          <>
            <SelectField
              label={t('inspector.riskLevel')}
              value={data.riskPoint.level}
              options={riskLevels.map((l) => ({ value: l, label: t(`risk.${l}`) }))}
              onChange={(level) => level !== '' && patch(node.id, { riskPoint: { requiredDocuments: data.riskPoint?.requiredDocuments ?? [], level } })}
            />
            <LinesField
              label={t('inspector.requiredDocuments')}
              hint={t('inspector.onePerLine')}
              value={data.riskPoint.requiredDocuments}
              testId="inspector-risk-documents"
              onChange={(requiredDocuments) => patch(node.id, { riskPoint: { level: data.riskPoint?.level ?? 'medium', requiredDocuments } })}
            />
          </>
        )}
      </Section>
    </>
  );
}

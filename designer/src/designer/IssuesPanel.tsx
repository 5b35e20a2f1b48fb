import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { DefinitionIssue } from '../../../domain/definition';
import { selectValidation } from './selectors';
import { designerStore, useDesigner } from './useDesigner';
import { issueTarget } from './validation';

/** Errors and warnings of the live validation; choosing one selects its node or edge and brings it into view. */
export function IssuesPanel() {
  const { t, i18n } = useTranslation();
  const validation = useDesigner(selectValidation);
  const flow = useReactFlow();
  const issues = validation === null ? [] : [...validation.errors, ...validation.warnings];
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';

  const show = (issue: DefinitionIssue) => {
    const { nodes, edges, select } = designerStore.getState();
    const target = issueTarget(issue, { nodes, edges });
    select(target);
    const nodeId = target.kind === 'node' ? target.id : target.kind === 'edge' ? edges.find((e) => e.id === target.id)?.source : undefined;
    const node = nodes.find((n) => n.id === nodeId);
    if (node) void flow.setCenter(node.position.x + 90, node.position.y + 32, { zoom: Math.max(flow.getZoom(), 1), duration: 300 });
  };

  return (
    <section className="issues" aria-label={t('issues.title')} data-testid="issues">
      <h2>
        {t('issues.title')}{' '}
        <span className="count count--error" data-testid="error-count">{t('issues.errors', { count: validation?.errors.length ?? 0 })}</span>{' '}
        <span className="count count--warning">{t('issues.warnings', { count: validation?.warnings.length ?? 0 })}</span>
      </h2>
      {issues.length === 0 ? (
        <p className="ok">{t('issues.none')}</p>
      ) : (
        <ul>
          {issues.map((issue, index) => (
            <li key={`${issue.code}-${index}`}>
              <button type="button" className={`issue issue--${issue.severity}`} data-code={issue.code} onClick={() => show(issue)}>
                <span className="issue-severity">{t(`issues.${issue.severity}`)}</span>
                <span>{issue.message[lang]}</span>
                <code>{issue.nodeId ?? issue.edgeId ?? issue.path ?? ''}</code>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import type { Shape } from './zh';

/**
 * Texts of the designer's safety: leaving with changes, comparing with the published version,
 * the publish dialog, quick-append. `field` names a definition's fields by dotted path with
 * `_` for `.` (`specialProcedure_limitDays`); en has the same shape as zh.
 */
const zh = {
  design: {
    leave: '草稿有未保存的修改,离开将丢失这些修改。确定离开吗?',
    compare: '对比已发布',
    compareTitle: '草稿与已发布第 {{version}} 版的对比',
    firstVersion: '还没有已发布的版本,发布后这将是第 1 版。',
    publishTitle: '发布第 {{version}} 版',
    confirmPublish: '确认发布',
    cancel: '取消',
    loading: '正在读取已发布版本…',
    draftGraph: '草稿的流程图:新增为绿色,修改为琥珀色,删除为红色',
    identical: '草稿与已发布版本相同。',
    refused: '发布被拒绝:{{reason}}',
    append: '添加下一步',
    calendarLoading: '正在读取工作日历…',
    calendarFailed: '无法读取工作日历:{{reason}}',
    element: { item: '事项', node: '环节', edge: '连线' },
    field: {
      name: '名称', kind: '类型', stage: '环节类型', role: '办理岗位', department: '办理部门', stepLimitDays: '环节时限(工作日)',
      specialProcedure: '特别程序', specialProcedure_kind: '特别程序类型', specialProcedure_limitDays: '特别程序时限(工作日)',
      riskPoint: '风险点', riskPoint_level: '风险等级', riskPoint_requiredDocuments: '必备防控文书', outcome: '办结结果',
      source: '起点', target: '终点', action: '办理动作', condition: '条件', default: '默认分支',
      code: '事项编码', category: '事项类别', item_department: '实施部门',
      statutoryLimit: '法定时限', statutoryLimit_value: '法定时限(工作日)', statutoryLimit_unit: '法定时限单位',
      promisedLimit: '承诺时限', promisedLimit_value: '承诺时限(工作日)', promisedLimit_unit: '承诺时限单位',
      redCardGraceDays: '黄牌后亮红牌期限(工作日)', supplementNoticeDays: '补正告知时限(工作日)',
      fee: '收费', fee_standard: '收费标准(元)', fee_basis: '收费依据',
      catalogue: '办事指南', catalogue_conditions: '申请条件', catalogue_materials: '申请材料', catalogue_formSchema: '申请表单',
    },
    yes: '是',
    no: '否',
  },
};

const en: Shape<typeof zh> = {
  design: {
    leave: 'The draft has unsaved changes, which leaving would lose. Leave anyway?',
    compare: 'Compare with published',
    compareTitle: 'The draft against published version {{version}}',
    firstVersion: 'Nothing is published yet: this will be version 1.',
    publishTitle: 'Publish version {{version}}',
    confirmPublish: 'Publish',
    cancel: 'Cancel',
    loading: 'Reading the published version…',
    draftGraph: 'The draft: added in green, changed in amber, removed in red',
    identical: 'The draft is the same as the published version.',
    refused: 'Publishing refused: {{reason}}',
    append: 'Add the next step',
    calendarLoading: 'Reading the work calendar…',
    calendarFailed: 'Could not read the work calendar: {{reason}}',
    element: { item: 'Item', node: 'Step', edge: 'Edge' },
    field: {
      name: 'Name', kind: 'Kind', stage: 'Stage', role: 'Position', department: 'Department', stepLimitDays: 'Step limit (working days)',
      specialProcedure: 'Special procedure', specialProcedure_kind: 'Special procedure kind', specialProcedure_limitDays: 'Special procedure limit (working days)',
      riskPoint: 'Risk point', riskPoint_level: 'Risk level', riskPoint_requiredDocuments: 'Required documents', outcome: 'Outcome',
      source: 'From', target: 'To', action: 'Action', condition: 'Condition', default: 'Default branch',
      code: 'Item code', category: 'Category', item_department: 'Department',
      statutoryLimit: 'Statutory limit', statutoryLimit_value: 'Statutory limit (working days)', statutoryLimit_unit: 'Statutory limit unit',
      promisedLimit: 'Promised limit', promisedLimit_value: 'Promised limit (working days)', promisedLimit_unit: 'Promised limit unit',
      redCardGraceDays: 'Red card after the yellow (working days)', supplementNoticeDays: 'Supplement notice limit (working days)',
      fee: 'Fee', fee_standard: 'Fee standard (yuan)', fee_basis: 'Fee basis',
      catalogue: 'Service guide', catalogue_conditions: 'Conditions', catalogue_materials: 'Materials', catalogue_formSchema: 'Application form',
    },
    yes: 'yes',
    no: 'no',
  },
};

export const designTexts = { zh, en };

import type { Shape } from './zh';

/** Texts of the clerks' worklists and the board's triage, under the `lists` key; en has the same shape as zh. */
const zh = {
  lists: {
    worklist: { todo: '待办', done: '已办', department: '本部门', concluded: '办结' },
    worklistsLabel: '工作列表',
    searchHint: '办件编号、申请人或事项名称的任意部分',
    sort: { label: '排序', urgency: '按紧急程度', newest: '按收件时间' },
    applicant: '申请人',
    item: '事项',
    step: '环节',
    stepHint: '先选事项',
    empty: { todo: '没有待办的办件。', done: '还没有办理过的办件。', department: '本部门没有在办的办件。', concluded: '没有办结的办件。' },
    feed: {
      select: '选择',
      selectAll: '全选未签收',
      acknowledgeSelected: '签收所选({{count}})',
      bulkDone: '已签收 {{ok}} 条。',
      bulkFailed: '{{count}} 条未能签收:',
      handled: '签收状态',
      open: '未签收',
      closed: '已签收',
      level: '级别',
      sort: { newest: '最新在前', oldest: '最早在前' },
      levels: { warning: '预警', yellow: '黄牌', red: '红牌', step: '环节', notice: '告知' },
    },
    exportCsv: '导出 CSV',
    exportXlsx: '导出 Excel',
  },
};

const en: Shape<typeof zh> = {
  lists: {
    worklist: { todo: 'To do', done: 'Acted on', department: 'Department', concluded: 'Concluded' },
    worklistsLabel: 'Worklists',
    searchHint: 'Any part of a case number, applicant or item name',
    sort: { label: 'Sort', urgency: 'Most urgent first', newest: 'Newest first' },
    applicant: 'Applicant',
    item: 'Item',
    step: 'Step',
    stepHint: 'Choose an item first',
    empty: { todo: 'Nothing to do.', done: 'No case acted on yet.', department: 'No open case in the department.', concluded: 'No concluded case.' },
    feed: {
      select: 'Select',
      selectAll: 'Select all unacknowledged',
      acknowledgeSelected: 'Acknowledge selected ({{count}})',
      bulkDone: '{{ok}} acknowledged.',
      bulkFailed: '{{count}} could not be acknowledged:',
      handled: 'Acknowledged',
      open: 'Not yet',
      closed: 'Yes',
      level: 'Level',
      sort: { newest: 'Newest first', oldest: 'Oldest first' },
      levels: { warning: 'Warning', yellow: 'Yellow card', red: 'Red card', step: 'Step', notice: 'Notice' },
    },
    exportCsv: 'Export CSV',
    exportXlsx: 'Export Excel',
  },
};

export const listsTexts = { zh, en };

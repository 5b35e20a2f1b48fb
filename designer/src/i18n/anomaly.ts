/** Texts of the first sign-in and the anomalies page (异常监察). */
export const anomalyTexts = {
  zh: {
    anomaly: {
      title: '异常监察', kind: '异常类型', caseNo: '办件', department: '部门', person: '当事人', at: '发生时间', status: '状态', reason: '说明',
      filters: { kind: '类型', status: '状态', department: '部门' }, empty: '没有符合条件的异常', deadline: '处置期限', objectionUntil: '异议期限至',
      statuses: { open: '待处置', explained: '已说明', confirmed: '已认定', dismissed: '不予认定', objected: '异议中', withdrawn: '认定已撤销' },
      kinds: {
        'refused-at-acceptance': '不予受理', returned: '退回', voided: '作废', terminated: '终止', 'fee-mismatch': '收费异常',
        'risk-documents-missing': '风险点材料缺失', 'outside-rights': '越权操作', integrity: '数据完整性',
      },
      dispose: '处置', outcome: '处置方式', outcomes: { explained: '说明', confirmed: '确认并责任认定', dismissed: '不予认定' },
      text: '处置意见', responsibility: { title: '责任认定', person: '责任人', department: '部门责任', measure: '处理措施' }, responsiblePerson: '责任人',
      submit: '提交处置', object: '提出异议', grounds: '异议理由', submitObjection: '提交异议', decide: '异议裁决', decision: '裁决',
      decisions: { upheld: '异议成立(撤销认定)', rejected: '异议不成立(维持认定)' }, decisionReason: '裁决理由', submitDecision: '提交裁决',
      done: '已提交', timeline: '处置记录', back: '返回列表', nav: '异常监察',
      line: {
        explained: '已说明:{{text}}', confirmed: '确认异常,责任认定:{{whom}},处理措施:{{measure}}', dismissed: '不予认定:{{text}}',
        objected: '部门提出异议:{{grounds}}', upheld: '异议成立,认定撤销:{{reason}}', rejected: '异议不成立,维持认定:{{reason}}', findingFinal: '认定生效,计入绩效扣分',
      },
    },
    firstRun: {
      title: '修改初始密码', why: '此账号使用的是自动生成的初始密码，请先设置新密码再继续。', current: '当前密码', next: '新密码（至少 {{count}} 个字符）',
      repeat: '再次输入新密码', submit: '修改密码', signOut: '退出', mismatch: '两次输入的新密码不一致', wrong: '当前密码错误', same: '新密码不能与当前密码相同',
    },
  },
  en: {
    anomaly: {
      title: 'Anomalies', kind: 'Kind', caseNo: 'Case', department: 'Department', person: 'Person', at: 'When', status: 'Status', reason: 'Details',
      filters: { kind: 'Kind', status: 'Status', department: 'Department' }, empty: 'No anomalies match', deadline: 'Dispose by', objectionUntil: 'Objections until',
      statuses: { open: 'Open', explained: 'Explained', confirmed: 'Confirmed', dismissed: 'Dismissed', objected: 'Objected', withdrawn: 'Finding withdrawn' },
      kinds: {
        'refused-at-acceptance': 'Refused at acceptance', returned: 'Returned', voided: 'Voided', terminated: 'Terminated', 'fee-mismatch': 'Fee anomaly',
        'risk-documents-missing': 'Risk-point documents missing', 'outside-rights': 'Outside rights', integrity: 'Data integrity',
      },
      dispose: 'Dispose', outcome: 'Disposition', outcomes: { explained: 'Explain', confirmed: 'Confirm with a responsibility finding', dismissed: 'Dismiss' },
      text: 'Opinion', responsibility: { title: 'Responsibility', person: 'A person', department: 'The department', measure: 'Measure' }, responsiblePerson: 'Responsible person',
      submit: 'Submit disposition', object: 'Object', grounds: 'Grounds', submitObjection: 'Submit objection', decide: 'Decide the objection', decision: 'Decision',
      decisions: { upheld: 'Upheld (finding withdrawn)', rejected: 'Rejected (finding stands)' }, decisionReason: 'Reason', submitDecision: 'Submit decision',
      done: 'Submitted', timeline: 'Disposition record', back: 'Back to the list', nav: 'Anomalies',
      line: {
        explained: 'Explained: {{text}}', confirmed: 'Confirmed; responsible: {{whom}}; measure: {{measure}}', dismissed: 'Dismissed: {{text}}',
        objected: 'The department objected: {{grounds}}', upheld: 'Objection upheld, finding withdrawn: {{reason}}', rejected: 'Objection rejected, finding stands: {{reason}}',
        findingFinal: 'Finding in force: counted in the scores',
      },
    },
    firstRun: {
      title: 'Change the initial password', why: 'This account still has its generated initial password: set a new one to continue.', current: 'Current password',
      next: 'New password (at least {{count}} characters)', repeat: 'New password again', submit: 'Change password', signOut: 'Sign out',
      mismatch: 'The two new passwords differ', wrong: 'The current password is wrong', same: 'The new password must differ from the current one',
    },
  },
};

/** Texts of 好差评 (ratings and their follow-ups) and consultations (咨询): portal and staff pages. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const zh = {
  voice: {
    level: { 'very-satisfied': '非常满意', satisfied: '满意', 'basically-satisfied': '基本满意', dissatisfied: '不满意', 'very-dissatisfied': '非常不满意' },
    reason: {
      quick: '办理快捷', courteous: '态度热情', 'clear-guide': '指南清楚', 'one-visit': '一次办成',
      slow: '办理时间长', attitude: '服务态度差', 'unclear-guide': '指南不清楚', 'repeated-visits': '多次跑动', fees: '收费问题', other: '其他',
    },
    outcome: { rectified: '已整改', explained: '已回访说明', unfounded: '经核实不属实' },
    followUpStatus: { none: '无需整改', open: '整改回访中', closed: '已办结' },
    consultationStatus: { open: '待答复', answered: '已答复' },
    rate: {
      title: '评价本次办理(好差评)', level: '满意程度', reasons: '评价原因(可多选)', comment: '意见或建议', submit: '提交评价',
      done: '感谢您的评价。', closesAt: '评价截止时间:{{at}}', your: '您的评价:{{level}}',
      followUp: '整改回访', followUpOpen: '您的差评已转 {{department}} 整改回访,办结期限 {{deadline}}。', followUpResult: '办理结果({{outcome}}):{{result}}',
    },
    ask: {
      title: '我要咨询', item: '咨询事项', name: '姓名', phone: '联系电话', question: '咨询内容', submit: '提交咨询',
      saved: '咨询已提交。请记下咨询编号和查询码,凭此查看答复。', number: '咨询编号', code: '查询码', open: '查看答复',
      lookupTitle: '咨询答复查询', lookup: '查询', department: '答复部门', askedAt: '提问时间', deadline: '答复期限', status: '状态',
      answer: '答复', answeredAt: '答复时间', notYet: '尚未答复,请在答复期限后再来查看。',
    },
    faq: { title: '常见问题', none: '暂无常见问题' },
    rates: { title: '好差评公示', department: '部门', item: '事项', count: '评价数', satisfied: '满意率', bad: '差评数', none: '暂无评价' },
    staff: {
      consultations: '咨询', consultation: '咨询 {{no}}', registerPhone: '登记电话咨询', answer: '答复', answerSubmit: '提交答复',
      publishFaq: '发布到办事指南常见问题', published: '已发布到办事指南', asker: '咨询人', channel: { web: '网上咨询', phone: '电话咨询' },
      followUps: '差评整改', followUp: '差评整改 {{caseNo}}', outcome: '办理结果类别', result: '办理结果(申请人可见)', close: '办结整改回访',
      rating: '评价', reasons: '原因', comment: '意见', deadline: '办结期限', onTime: '按期', late: '逾期', level: '预警级别',
    },
  },
};

const en: Shape<typeof zh> = {
  voice: {
    level: { 'very-satisfied': 'Very satisfied', satisfied: 'Satisfied', 'basically-satisfied': 'Fairly satisfied', dissatisfied: 'Dissatisfied', 'very-dissatisfied': 'Very dissatisfied' },
    reason: {
      quick: 'Quick', courteous: 'Courteous', 'clear-guide': 'Clear guide', 'one-visit': 'Done in one visit',
      slow: 'Slow', attitude: 'Poor attitude', 'unclear-guide': 'Unclear guide', 'repeated-visits': 'Several visits', fees: 'Fees', other: 'Other',
    },
    outcome: { rectified: 'Rectified', explained: 'Explained on a return visit', unfounded: 'Not borne out' },
    followUpStatus: { none: 'Nothing to follow up', open: 'Being followed up', closed: 'Closed' },
    consultationStatus: { open: 'Awaiting an answer', answered: 'Answered' },
    rate: {
      title: 'Rate this case', level: 'Satisfaction', reasons: 'Reasons (tick any)', comment: 'Comments', submit: 'Submit rating',
      done: 'Thank you for your rating.', closesAt: 'Rating open until {{at}}', your: 'Your rating: {{level}}',
      followUp: 'Follow-up', followUpOpen: 'Your rating was passed to {{department}} for follow-up, due {{deadline}}.', followUpResult: 'Result ({{outcome}}): {{result}}',
    },
    ask: {
      title: 'Ask a question', item: 'Item', name: 'Name', phone: 'Phone', question: 'Question', submit: 'Submit question',
      saved: 'Question submitted. Keep the number and query code to read the answer.', number: 'Number', code: 'Query code', open: 'See the answer',
      lookupTitle: 'Answer to a question', lookup: 'Look up', department: 'Answered by', askedAt: 'Asked', deadline: 'Answer due', status: 'Status',
      answer: 'Answer', answeredAt: 'Answered', notYet: 'Not answered yet; look again after the answer is due.',
    },
    faq: { title: 'Frequently asked questions', none: 'No questions yet' },
    rates: { title: 'Ratings', department: 'Department', item: 'Item', count: 'Ratings', satisfied: 'Satisfied', bad: 'Poor ratings', none: 'No ratings yet' },
    staff: {
      consultations: 'Consultations', consultation: 'Consultation {{no}}', registerPhone: 'Register a phone question', answer: 'Answer', answerSubmit: 'Submit answer',
      publishFaq: 'Publish to the guide\'s FAQ', published: 'Published to the guide', asker: 'Asked by', channel: { web: 'Portal', phone: 'Phone' },
      followUps: 'Rating follow-ups', followUp: 'Follow-up {{caseNo}}', outcome: 'Outcome', result: 'Result (the applicant reads it)', close: 'Close the follow-up',
      rating: 'Rating', reasons: 'Reasons', comment: 'Comment', deadline: 'Due', onTime: 'on time', late: 'late', level: 'Alert level',
    },
  },
};

export const voiceTexts = { zh, en };

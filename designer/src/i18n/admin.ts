import type { Shape } from './zh';

/** Texts of the administration pages and the calendar notice, under the `admin` key; en has the same shape as zh. */
const zh = {
  admin: {
    nav: '系统管理',
    tabs: { departments: '部门', users: '用户', systems: '外部系统', calendar: '工作日历' },
    save: '保存',
    saved: '已保存。',
    none: '无',
    provisional: '暂定',
    notice: '{{year}} 年工作日历尚未发布:跨入 {{year}} 年的期限按周一至周五暂定计算,发布后自动重算。',
    departments: {
      title: '部门管理', code: '编码', name: '名称', parent: '上级部门', top: '(顶级)', create: '新建部门', move: '调整上级',
    },
    users: {
      title: '用户管理', username: '用户名', name: '姓名', password: '初始密码', roles: '角色', department: '所属部门',
      positions: '岗位(逗号分隔)', email: '电子邮箱', phone: '手机', active: '状态', enabled: '启用', disabled: '停用',
      create: '新建用户', edit: '编辑', update: '保存修改', cancel: '取消', deactivate: '停用', activate: '启用',
      role: { administrator: '系统管理员', clerk: '承办人', supervisor: '监察员', 'department-officer': '部门监察员', auditor: '审计员' },
      position: {
        'department-head': '部门负责人', 'department-leadership': '部门分管领导',
        acceptor: '受理岗', undertaker: '承办岗', reviewer: '审核岗', approver: '审批岗',
      },
    },
    systems: {
      title: '外部系统', systemId: '系统标识', name: '名称', departments: '可报送部门', register: '登记系统', rotate: '更换密钥',
      rotateConfirm: '更换后旧密钥立即失效,确定更换?', keyOnce: '新的 API 密钥(只显示这一次,请妥善保存):',
      registered: '登记时间', rotatedAt: '密钥更换时间', pushes: '最近报送', at: '时间', accepted: '接收', duplicates: '重复',
      rejected: '拒收', failed: '失败', refusals: '拒收明细', noPushes: '尚无报送。',
      refusal: {
        'validation-failed': '不符合数据采集标准', 'occurred-in-future': '发生时间晚于接收时间', 'unknown-item': '事项未发布',
        forbidden: '无权报送该部门的办件', 'case-closed': '办件已办结', unavailable: '服务暂不可用,请重发',
      },
    },
    calendar: {
      title: '工作日历', year: '年份', published: '已发布', draft: '草稿', holidays: '节假日天数', workdays: '调休上班天数',
      import: '导入 iCalendar 文件', file: 'iCalendar 文件(.ics)', source: '来源', importButton: '导入并发布',
      imported: '{{year}} 年日历已发布,运行中的办件已重算期限。', adjustments: '本地调整', date: '日期', working: '上班',
      dayOff: '休息', reason: '原因', add: '添加调整', remove: '撤销',
    },
  },
};

const en: Shape<typeof zh> = {
  admin: {
    nav: 'Administration',
    tabs: { departments: 'Departments', users: 'Users', systems: 'External systems', calendar: 'Work calendar' },
    save: 'Save',
    saved: 'Saved.',
    none: 'None',
    provisional: 'provisional',
    notice: 'The {{year}} work calendar is not published: deadlines that cross into {{year}} count Monday–Friday provisionally and are recomputed once it is.',
    departments: {
      title: 'Departments', code: 'Code', name: 'Name', parent: 'Parent', top: '(top level)', create: 'New department', move: 'Move',
    },
    users: {
      title: 'Users', username: 'Username', name: 'Name', password: 'Initial password', roles: 'Roles', department: 'Department',
      positions: 'Positions (comma-separated)', email: 'E-mail', phone: 'Phone', active: 'State', enabled: 'Active', disabled: 'Deactivated',
      create: 'New user', edit: 'Edit', update: 'Save changes', cancel: 'Cancel', deactivate: 'Deactivate', activate: 'Activate',
      role: { administrator: 'Administrator', clerk: 'Clerk', supervisor: 'Supervisor', 'department-officer': 'Department officer', auditor: 'Auditor' },
      position: {
        'department-head': 'Department head', 'department-leadership': 'Department leadership',
        acceptor: 'Acceptance', undertaker: 'Undertaking', reviewer: 'Review', approver: 'Approval',
      },
    },
    systems: {
      title: 'External systems', systemId: 'System id', name: 'Name', departments: 'Departments reported', register: 'Register', rotate: 'Rotate key',
      rotateConfirm: 'The old key stops working at once. Rotate?', keyOnce: 'The new API key (shown only this once; keep it safe):',
      registered: 'Registered', rotatedAt: 'Key rotated', pushes: 'Last pushes', at: 'At', accepted: 'Accepted', duplicates: 'Duplicates',
      rejected: 'Rejected', failed: 'Failed', refusals: 'Refused events', noPushes: 'No pushes yet.',
      refusal: {
        'validation-failed': 'breaks the data standard', 'occurred-in-future': 'occurred after its receipt', 'unknown-item': 'item not published',
        forbidden: 'not a department this system reports', 'case-closed': 'case already concluded', unavailable: 'service unavailable; send again',
      },
    },
    calendar: {
      title: 'Work calendar', year: 'Year', published: 'Published', draft: 'Draft', holidays: 'Holidays', workdays: 'Adjusted working days',
      import: 'Import an iCalendar file', file: 'iCalendar file (.ics)', source: 'Source', importButton: 'Import and publish',
      imported: 'The {{year}} calendar is published; running cases recomputed their deadlines.', adjustments: 'Local adjustments', date: 'Date', working: 'Working',
      dayOff: 'Day off', reason: 'Reason', add: 'Add adjustment', remove: 'Withdraw',
    },
  },
};

export const adminTexts = { zh, en };

/** Texts of the first sign-in and the anomalies page (异常监察). */
export const anomalyTexts = {
  zh: {
    firstRun: {
      title: '修改初始密码', why: '此账号使用的是自动生成的初始密码，请先设置新密码再继续。', current: '当前密码', next: '新密码（至少 {{count}} 个字符）',
      repeat: '再次输入新密码', submit: '修改密码', signOut: '退出', mismatch: '两次输入的新密码不一致', wrong: '当前密码错误', same: '新密码不能与当前密码相同',
    },
  },
  en: {
    firstRun: {
      title: 'Change the initial password', why: 'This account still has its generated initial password: set a new one to continue.', current: 'Current password',
      next: 'New password (at least {{count}} characters)', repeat: 'New password again', submit: 'Change password', signOut: 'Sign out',
      mismatch: 'The two new passwords differ', wrong: 'The current password is wrong', same: 'The new password must differ from the current one',
    },
  },
};

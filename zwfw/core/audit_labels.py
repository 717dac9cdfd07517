"""Chinese names of audit actions and audited objects, as data (issue 12 point 12).

Every action code passed to `audit_record(action=...)` anywhere in the code base has a label
here; `zwfw/core/tests/test_audit_labels.py` collects them from the source and fails when one is
missing, so a new action arrives with its name. An object type is named by its model's
verbose_name (every zwfw model has a Chinese one, also tested); types that are not models are
named in OBJECT_LABELS. An unknown code is shown as "未登记的操作（code）", never silently.
"""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    # 好差评 and 差评整改 (ratings)
    "rating.create": _("评价办件"),
    "rating.invite": _("发送评价邀请短信"),
    "rating.appeal": _("申诉评价"),
    "rating.appeal_decide": _("审核评价申诉"),
    "rating.moderate": _("审核评价内容公开"),
    "rating_policy.set": _("修改好差评规则（新版本）"),
    "work_order.open": _("生成差评整改工单"),
    "work_order.callback": _("登记差评回访"),
    "work_order.submit": _("提交整改情况"),
    "work_order.close": _("审核办结整改工单"),
    "work_order.send_back": _("退回整改工单"),
    "work_order.cancel": _("撤销整改工单"),
    "rating.export": _("导出评价数据"),
    # Supervision dashboards (监察统计)
    "stats.rollup.rebuild": _("重建监察统计汇总"),
    "stats.history.generate": _("生成演示历史办件"),
    # Electronic supervision (电子监察)
    "supervision_rule.seed": _("载入默认监察规则"),
    "supervision_rule.set": _("修改监察规则（新版本）"),
    "card.raise": _("生成监察牌"),
    "card.issue": _("发出监察牌"),
    "card.cancel": _("撤销监察牌"),
    "card.escalate": _("督办监察牌"),
    "card.remind": _("催办"),
    "card.answer": _("反馈监察牌"),
    "card.appeal": _("申诉监察牌"),
    "card.appeal_decide": _("处理监察牌申诉"),
    "anomaly_threshold.set": _("修改异常阈值（新版本）"),
    # Sign-in (accounts)
    "auth.sign_in_succeeded": _("登录成功"),
    "auth.sign_in_failed": _("登录失败"),
    "auth.sign_out": _("退出登录"),
    "api_token.issue": _("签发接口令牌"),
    "api_token.revoke": _("吊销接口令牌"),
    # Accounts and roles (三员分立: system administrator, security administrator)
    "staff.bootstrap": _("创建初始管理员账号"),
    "staff.create": _("新建工作人员账号"),
    "staff.update": _("修改工作人员账号"),
    "staff.deactivate": _("停用工作人员账号"),
    "staff.set_password": _("重置工作人员密码"),
    "role.grant": _("授予角色"),
    "role.revoke": _("撤销角色"),
    "citizen_account.create": _("创建群众账号"),
    "applicant.register": _("登记申请人"),
    "applicant.reveal": _("查看申请人完整证件号码"),
    # Organisations
    "region.load": _("载入行政区划"),
    "department.create": _("新建部门"),
    "department.update": _("修改部门"),
    "department.deactivate": _("停用部门"),
    "service_center.create": _("新建政务服务中心"),
    "service_center.update": _("修改政务服务中心"),
    "window.create": _("新建窗口"),
    "window.update": _("修改窗口"),
    "service_point.create": _("新建代办点"),
    "service_point.update": _("修改代办点"),
    "kiosk.create": _("新建自助终端"),
    # Working calendar and time limits
    "calendar.seed": _("载入工作日历"),
    "calendar.year_import": _("导入年度节假日安排"),
    "calendar.day_set": _("设置特殊日期（工作日或休息日）"),
    "calendar.day_delete": _("删除特殊日期"),
    "calendar.office_hours_set": _("设置中心办公时间"),
    "calendar.warning_policy_set": _("设置时限预警阈值"),
    "clock.start": _("开始计时"),
    "clock.pause": _("暂停计时"),
    "clock.resume": _("恢复计时"),
    "clock.stop": _("停止计时"),
    "clock.extend": _("延长办理时限"),
    "clock.recompute": _("重新计算时限"),
    # Catalog
    "catalog.item.draft_create": _("新建事项草稿"),
    "catalog.item.cancel": _("取消事项"),
    "catalog.item.delegate": _("赋权下放事项"),
    "catalog.item.take_over": _("承接事项"),
    "catalog.version.create": _("新建事项版本"),
    "catalog.version.update": _("修改事项草稿"),
    "catalog.version.submit": _("提交事项审核"),
    "catalog.version.approve": _("审核通过事项"),
    "catalog.version.return": _("退回事项修改"),
    "catalog.version.publish": _("发布事项"),
    "catalog.version.take_effect": _("事项版本生效"),
    "catalog.zero_report.file": _("填报零报告"),
    "catalog.material_file.attach": _("上传材料样表"),
    "catalog.import": _("导入事项目录"),
    "catalog.theme_seed": _("载入事项主题"),
    "catalog.demo.theme_seed": _("载入演示主题"),
    "catalog.demo.load_guangan": _("载入演示事项（广安区）"),
    "catalog.demo.load_lingshan": _("载入演示事项（灵山县）"),
    "catalog.demo.forms_attach": _("载入演示材料样表"),
    # Cases: applications and acceptance (the state machine's actions, zwfw/cases/services/state.py)
    "agent.authorise": _("授权经办人"),
    "agent.revoke": _("撤销经办人授权"),
    "auth.sign_in_unlock": _("解除登录锁定"),
    "catalog.demo.form_fields": _("载入演示申请表字段"),
    "citizen.password_reset": _("重置个人账号密码"),
    "citizen.sign_up": _("注册个人账号"),
    "enterprise_account.open": _("开通法人账号"),
    "proxy_mandate.create": _("登记代办委托"),
    "proxy_mandate.revoke": _("撤销代办委托"),
    "verification.code_sent": _("发送短信验证码"),
    "cases.case.draft_create": _("新建办件申请草稿"),
    "cases.case.draft_delete": _("删除办件申请草稿"),
    "cases.case.draft_save": _("保存办件申请草稿"),
    "cases.case.request_pre_review": _("申请预审"),
    "cases.case.pre_review_pass": _("预审通过"),
    "cases.case.pre_review_return": _("预审退回"),
    "cases.case.submit": _("提交办件申请"),
    "cases.case.request_supplement": _("一次性告知补正"),
    "cases.case.supply": _("补正材料"),
    "cases.case.accept": _("受理办件"),
    "cases.case.deem_accept": _("办件视为受理"),
    "cases.case.settle": _("即办件当场办结"),
    "cases.case.reject": _("不予受理"),
    "cases.case.withdraw": _("撤回办件申请"),
    "cases.case.special_procedure_start": _("启动特别程序"),
    "cases.case.special_procedure_end": _("结束特别程序"),
    "cases.case.extension_request": _("申请延长审批期限"),
    "cases.case.extension_approve": _("批准延长审批期限"),
    "cases.case.extension_refuse": _("不予批准延长审批期限"),
    "cases.case.decide": _("作出办件决定"),
    "cases.case.conclude": _("办件办结"),
    "cases.case.deliver_post": _("邮寄送达办理结果"),
    "cases.case.deliver_electronic": _("电子送达办理结果"),
    "cases.certificate.record": _("登记结果证照"),
    "cases.delivery.window": _("窗口领取办理结果"),
    "cases.delivery.post": _("安排邮寄送达"),
    "cases.delivery.electronic": _("安排电子送达"),
    "cases.delivery.done": _("办理结果已送达"),
    "cases.step.steps_open": _("按事项流程建立办理环节"),
    "cases.step.open": _("进入办理环节"),
    "cases.step.accept": _("受理环节完成"),
    "cases.step.claim": _("认领办理环节"),
    "cases.step.assign": _("分派办理环节"),
    "cases.step.opinion": _("填写环节办理意见"),
    "cases.step.pass": _("环节通过"),
    "cases.step.return": _("退回上一环节"),
    "cases.step.joint_request": _("送会签"),
    "cases.step.joint_answer": _("会签答复"),
    "cases.step.complete": _("环节办结"),
    "cases.step.cancel": _("终止办理环节"),
    "cases.case.archive": _("办件归档封存"),
    "cases.case.archive_package": _("下载办件档案包"),
    "cases.export": _("办件数据上报导出"),
    "cases.material.check": _("窗口核验材料"),
    "cases.material.file_add": _("上传申请材料"),
    "cases.material.file_remove": _("删除申请材料"),
    # Shared services
    "documents.document.issue": _("出具文书"),
    "numbering.format.save": _("保存编号格式"),
    "outbox.retry": _("重新投递消息"),
    # The audit trail itself
    "audit.verify": _("校验审计链"),
    "audit.export": _("导出审计记录"),
    # `zwfw bench audit` (written only to a benchmark database)
    "bench.write": _("性能测试写入"),
    "bench.legacy": _("性能测试写入（旧设计）"),
}

# Object types that are not models (a model is named by its verbose_name).
OBJECT_LABELS = {
    "bench.row": _("性能测试数据"),
}


def action_label(code: str) -> str:
    label = ACTION_LABELS.get(code)
    return str(label) if label is not None else gettext("未登记的操作（%(code)s）") % {"code": code}


def object_label(object_type: str) -> str:
    if not object_type:
        return ""
    if object_type in OBJECT_LABELS:
        return str(OBJECT_LABELS[object_type])
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return gettext("未登记的对象（%(code)s）") % {"code": object_type}
    return str(model._meta.verbose_name)


def action_choices() -> list[tuple[str, str]]:
    """(code, label) of every registered action, sorted by label, for filters."""
    return sorted(((code, str(label)) for code, label in ACTION_LABELS.items()), key=lambda c: c[1])

"""Message templates as data: key → title, body, SMS text (Django template syntax), link, and the
channels used when the caller names none. Add a key here to add a kind of message."""

from __future__ import annotations

from dataclasses import dataclass

from django.template import Context, Engine
from django.utils.translation import gettext_lazy as _

from .models import Channel


@dataclass(frozen=True)
class MessageTemplate:
    title: str
    body: str
    sms: str
    link: str = ""
    channels: tuple[str, ...] = (Channel.INBOX,)


TEMPLATES: dict[str, MessageTemplate] = {
    # 好差评: the rating invitation, and the rectification work order's steps.
    "ratings.invite": MessageTemplate(
        title=_("请评价：{{ item }}"),
        body=_("您的办件 {{ number }}（{{ item }}）已办结，欢迎对本次服务作出评价。"),
        sms=_("【政务服务】您的办件{{ number }}已办结，请点击链接评价本次服务：{{ link }}"),
        link="{{ link }}", channels=(Channel.INBOX, Channel.SMS),
    ),
    "ratings.work_order_opened": MessageTemplate(
        title=_("差评整改：办件 {{ number }}"),
        body=_("办件 {{ number }}（{{ item }}）收到“{{ level }}”评价，已生成整改工单，请于 {{ due }} 前回访申请人并核实整改。"),
        sms=_("【政务服务】办件{{ number }}收到差评，请于{{ due }}前回访并整改，详见工作台。"),
        link="{{ link }}", channels=(Channel.INBOX, Channel.SMS),
    ),
    "ratings.work_order_submitted": MessageTemplate(
        title=_("整改待审核：办件 {{ number }}"),
        body=_("办件 {{ number }}（{{ item }}）的差评整改情况已提交，请审核。"),
        sms=_("【政务服务】办件{{ number }}的差评整改待您审核。"),
        link="{{ link }}",
    ),
    "ratings.rectification_reply": MessageTemplate(
        title=_("您的评价已处理：{{ item }}"),
        body=_("您对办件 {{ number }}（{{ item }}）的评价已由{{ department }}处理完毕：{{ resolution }}。感谢您的监督。"),
        sms=_("【政务服务】您对办件{{ number }}的评价已处理完毕，感谢您的监督。"),
        link="", channels=(Channel.INBOX, Channel.SMS),
    ),
    "ratings.work_order_returned": MessageTemplate(
        title=_("整改被退回：办件 {{ number }}"),
        body=_("办件 {{ number }}（{{ item }}）的差评整改被退回，请于 {{ due }} 前重新整改。退回理由：{{ note }}"),
        sms=_("【政务服务】办件{{ number }}的差评整改被退回，请于{{ due }}前重新整改。"),
        link="{{ link }}", channels=(Channel.INBOX, Channel.SMS),
    ),
    # Electronic supervision (电子监察): cards and reminders to the named responsible person.
    "supervision.card_issued": MessageTemplate(
        title=_("{{ level }}：{{ summary }}"),
        body=_("{{ summary }}已触发{{ level }}（时限到期 {{ due_at }}），请于 {{ feedback_due }} 前办理并反馈。"),
        sms=_("【政务服务】{{ summary }}已亮{{ level }}，请于{{ feedback_due }}前办理并反馈。"),
        link="{{ link }}", channels=(Channel.INBOX, Channel.SMS),
    ),
    "supervision.card_escalated": MessageTemplate(
        title=_("督办：{{ summary }}"),
        body=_("{{ summary }}的{{ level }}已由电子监察督办。督办意见：{{ note }}"),
        sms=_("【政务服务】{{ summary }}的{{ level }}已被督办，请登录工作台查看。"),
        link="{{ link }}", channels=(Channel.INBOX, Channel.SMS),
    ),
    "supervision.reminder": MessageTemplate(
        title=_("催办：{{ summary }}"),
        body=_("电子监察催办：{{ summary }}（{{ level }}，时限到期 {{ due_at }}），请于 {{ feedback_due }} 前办理并反馈。"),
        sms=_("【政务服务】电子监察催办：{{ summary }}，请尽快办理。"),
        link="{{ link }}", channels=(Channel.INBOX, Channel.SMS),
    ),
    "supervision.appeal_submitted": MessageTemplate(
        title=_("申诉：{{ summary }}"),
        body=_("责任部门对{{ summary }}的{{ level }}提出申诉。申诉理由：{{ reason }}"),
        sms=_("【政务服务】{{ summary }}的{{ level }}有新的申诉，请登录工作台处理。"),
        link="{{ link }}", channels=(Channel.INBOX, Channel.SMS),
    ),
    "supervision.appeal_decided": MessageTemplate(
        title=_("申诉处理结果：{{ outcome }}"),
        body=_("您对{{ summary }}的{{ level }}提出的申诉已处理：{{ outcome }}。{{ note }}"),
        sms=_("【政务服务】您对{{ summary }}的申诉已处理：{{ outcome }}。"),
        link="{{ link }}", channels=(Channel.INBOX, Channel.SMS),
    ),
    "catalog.review_requested": MessageTemplate(
        title=_("事项待审核：{{ item_name }}"),
        body=_("{{ editor }}提交了“{{ item_name }}”第 {{ version_number }} 版，请在“{{ step }}”环节审核。"),
        sms=_("【政务服务】事项“{{ item_name }}”待您审核（{{ step }}），请登录工作台处理。"),
        link="{{ link }}",
    ),
    "catalog.version_returned": MessageTemplate(
        title=_("事项被退回：{{ item_name }}"),
        body=_("“{{ item_name }}”第 {{ version_number }} 版在“{{ step }}”环节被退回。审核意见：{{ comment }}"),
        sms=_("【政务服务】事项“{{ item_name }}”被退回修改，请登录工作台查看审核意见。"),
        link="{{ link }}",
    ),
    "calendar.recompute_finished": MessageTemplate(
        title=_("时限重算完成"),
        body=_("{{ label }}：共 {{ total }} 个时限，其中 {{ changed }} 个到期时间已更新。"),
        sms=_("【政务服务】{{ label }}已完成。"),
        link="{{ link }}",
    ),
    # Cases: every status change the applicant must hear of (the link opens the case in 个人空间).
    "case.received": MessageTemplate(
        title=_("已收件：{{ item_name }}"),
        body=_("您申请的“{{ item_name }}”已收件，办件编号 {{ number }}。我们将在 5 个工作日内作出是否受理的决定。"),
        sms=_("【政务服务】您申请的“{{ item_name }}”已收件，办件编号{{ number }}。"),
        link="{{ link }}", channels=(Channel.INBOX, Channel.SMS),
    ),
    "case.accepted": MessageTemplate(
        title=_("已受理：{{ item_name }}"),
        body=_("您申请的“{{ item_name }}”（办件编号 {{ number }}）已受理，可在个人空间查看受理通知书和办理进度。"),
        sms=_("【政务服务】您申请的“{{ item_name }}”已受理，办件编号{{ number }}。"),
        link="{{ link }}", channels=(Channel.INBOX, Channel.SMS),
    ),
    "case.supplement_requested": MessageTemplate(
        title=_("请补正材料：{{ item_name }}"),
        body=_("您申请的“{{ item_name }}”（办件编号 {{ number }}）需要补正材料，请在个人空间查看一次性告知书并按期补正。"),
        sms=_("【政务服务】您申请的“{{ item_name }}”需补正材料，请登录查看一次性告知书。"),
        link="{{ link }}", channels=(Channel.INBOX, Channel.SMS),
    ),
    "case.rejected": MessageTemplate(
        title=_("不予受理：{{ item_name }}"),
        body=_("您申请的“{{ item_name }}”（办件编号 {{ number }}）不予受理，理由和救济途径见不予受理通知书。"),
        sms=_("【政务服务】您申请的“{{ item_name }}”不予受理，请登录查看通知书。"),
        link="{{ link }}", channels=(Channel.INBOX, Channel.SMS),
    ),
    "case.concluded": MessageTemplate(
        title=_("已办结：{{ item_name }}"),
        body=_("您申请的“{{ item_name }}”（办件编号 {{ number }}）已办结。"),
        sms=_("【政务服务】您申请的“{{ item_name }}”已办结，办件编号{{ number }}。"),
        link="{{ link }}", channels=(Channel.INBOX, Channel.SMS),
    ),
    "case.decided": MessageTemplate(
        title=_("已作出决定：{{ item_name }}"),
        body=_("您申请的“{{ item_name }}”（办件编号 {{ number }}）已作出决定，决定书生成后可在个人空间查看；不予决定的理由和救济途径见决定书。"),
        sms=_("【政务服务】您申请的“{{ item_name }}”已作出决定，请登录查看决定书。"),
        link="{{ link }}", channels=(Channel.INBOX, Channel.SMS),
    ),
    "case.result_ready": MessageTemplate(
        title=_("可下载办理结果：{{ item_name }}"),
        body=_("您申请的“{{ item_name }}”（办件编号 {{ number }}）的决定书和办理结果已电子送达，请在个人空间下载，下载即视为送达。"),
        sms=_("【政务服务】您申请的“{{ item_name }}”的办理结果已可下载，请登录个人空间。"),
        link="{{ link }}", channels=(Channel.INBOX, Channel.SMS),
    ),
    "case.withdrawn": MessageTemplate(
        title=_("已撤回：{{ item_name }}"),
        body=_("您申请的“{{ item_name }}”（办件编号 {{ number }}）已撤回，办理终止。"),
        sms=_("【政务服务】您申请的“{{ item_name }}”已撤回。"),
        link="{{ link }}",
    ),
    "case.pre_review_returned": MessageTemplate(
        title=_("预审退回：{{ item_name }}"),
        body=_("您申请的“{{ item_name }}”预审未通过，请在个人空间查看预审意见，修改后重新提交。"),
        sms=_("【政务服务】您申请的“{{ item_name }}”预审未通过，请登录查看意见。"),
        link="{{ link }}",
    ),
    # 行政许可法第四十五条 / 第四十二条: the written notices are in 个人空间; the message points there.
    "case.special_procedure_started": MessageTemplate(
        title=_("特别程序告知：{{ item_name }}"),
        body=_("您申请的“{{ item_name }}”（办件编号 {{ number }}）进入特别程序，所需时间不计入办理时限，"
               "请在个人空间查看特别程序告知书。"),
        sms=_("【政务服务】您申请的“{{ item_name }}”进入特别程序，请登录查看告知书。"),
        link="{{ link }}", channels=(Channel.INBOX, Channel.SMS),
    ),
    "case.extended": MessageTemplate(
        title=_("延长审批期限：{{ item_name }}"),
        body=_("您申请的“{{ item_name }}”（办件编号 {{ number }}）经批准延长审批期限，"
               "理由和新的办结日期见延长审批期限告知书。"),
        sms=_("【政务服务】您申请的“{{ item_name }}”经批准延长审批期限，请登录查看告知书。"),
        link="{{ link }}", channels=(Channel.INBOX, Channel.SMS),
    ),
}

# Messages are plain text: escaping is the page's job when it shows them.
_engine = Engine(autoescape=False)


@dataclass(frozen=True)
class Rendered:
    title: str
    body: str
    sms: str
    link: str


def message_render(template: str, context: dict) -> Rendered:
    spec = TEMPLATES[template]
    ctx = Context(context, autoescape=False)

    def render(text) -> str:
        return _engine.from_string(str(text)).render(ctx).strip()

    return Rendered(title=render(spec.title)[:200], body=render(spec.body), sms=render(spec.sms),
                    link=render(spec.link)[:300])

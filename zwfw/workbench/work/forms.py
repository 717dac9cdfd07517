"""Forms of the step actions. Each carries the case's revision: a page read before someone else
acted on the case is refused as stale instead of acting on old facts."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zwfw.cases.serializers_steps import TEXT_MAX
from zwfw.workbench.cases.forms import RevisionForm

OPINION_WIDGET = forms.Textarea(attrs={"rows": 3})


class QueueFilterForm(forms.Form):
    show = forms.ChoiceField(label=_("显示"), required=False)

    def __init__(self, *args, choices=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["show"].choices = choices


class OpinionForm(RevisionForm):
    opinion = forms.CharField(label=_("办理意见"), widget=OPINION_WIDGET, max_length=TEXT_MAX)


class PassForm(RevisionForm):
    opinion = forms.CharField(label=_("办理意见"), widget=OPINION_WIDGET, max_length=TEXT_MAX, required=False)
    # A plain number: the choice offered is for the eye, whether it fits is the service's question.
    second_verifier = forms.IntegerField(label=_("共同核查人（现场核查须两名以上工作人员）"), required=False,
                                         widget=forms.Select)

    def __init__(self, *args, colleagues=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["second_verifier"].widget.choices = [("", _("请选择…")), *colleagues]


class ReturnForm(RevisionForm):
    reason = forms.CharField(label=_("退回理由"), widget=OPINION_WIDGET, max_length=TEXT_MAX)


class JointForm(RevisionForm):
    note = forms.CharField(label=_("请会签部门审查的事项"), widget=OPINION_WIDGET, max_length=TEXT_MAX)


class JointAnswerForm(RevisionForm):
    agreed = forms.TypedChoiceField(label=_("会签结论"), coerce=lambda v: v == "yes",
                                    choices=[("yes", _("同意")), ("no", _("不同意"))])
    opinion = forms.CharField(label=_("会签意见"), widget=OPINION_WIDGET, max_length=TEXT_MAX)


class AssignForm(RevisionForm):
    assignee = forms.IntegerField(label=_("分派给"), widget=forms.Select)

    def __init__(self, *args, colleagues=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].widget.choices = [("", _("请选择…")), *colleagues]

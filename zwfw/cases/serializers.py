"""What the case API shows: the applicant's side sees its own answers; staff see them masked; the
public look-up sees status and dates only."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from zwfw.core.masking import mask_text
from zwfw.documents.models import OfficialDocument

from .models import Case, CaseDelivery, CaseEvent, CaseMaterial, ResultCertificate
from .selectors import deemed_acceptance_due
from .services._common import applicant_capacity


class MaterialSerializer(serializers.ModelSerializer):
    files = serializers.SerializerMethodField()
    supplied = serializers.BooleanField(read_only=True)
    missing = serializers.BooleanField(read_only=True)
    forms = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = CaseMaterial
        fields = ["id", "position", "name", "required", "condition", "tolerance_allowed", "electronic_accepted",
                  "original_seen", "copy_kept", "shared_source", "pending_until", "note", "supplied", "missing",
                  "forms", "files"]

    def get_files(self, obj) -> list[dict]:
        return [{"id": f.stored_file_id, "name": f.stored_file.original_name,
                 "url": reverse("files:download", args=[f.stored_file_id])} for f in obj.files.all()]


class EventSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()

    class Meta:
        model = CaseEvent
        fields = ["at", "action", "label", "status_after", "acting_as", "actor", "note", "document"]

    def get_actor(self, obj) -> str:
        return obj.actor.full_name if obj.actor_id and obj.acting_as != "applicant" else ""


class NoticeSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = OfficialDocument
        fields = ["id", "kind", "title", "number", "issued_on", "url"]

    def get_url(self, obj) -> str:
        return reverse("files:download", args=[obj.stored_file_id])


class CaseSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    channel_display = serializers.CharField(source="get_channel_display", read_only=True)
    gb_channel = serializers.CharField(read_only=True)
    gb_case_kind = serializers.CharField(read_only=True)
    applicant_name = serializers.CharField(source="applicant.name", read_only=True)
    department_name = serializers.CharField(source="department.name", read_only=True)

    class Meta:
        model = Case
        fields = ["id", "number", "status", "status_display", "revision", "item", "item_name", "implementation_code",
                  "case_kind", "gb_case_kind", "channel", "channel_display", "gb_channel", "applicant_name",
                  "department_name", "region", "created_at", "received_at", "accepted_at", "deemed_accepted",
                  "pending_materials", "promised_by", "rejected_at", "rejection_reason", "refer_to", "decision",
                  "decided_at", "result_type", "result_posted", "concluded_at", "withdrawn_at"]


class CaseDetailSerializer(CaseSerializer):
    query_code = serializers.SerializerMethodField()
    form_data = serializers.SerializerMethodField()
    deemed_acceptance_due = serializers.SerializerMethodField()
    materials = MaterialSerializer(many=True, read_only=True)
    events = serializers.SerializerMethodField()
    notices = serializers.SerializerMethodField()
    supplement = serializers.SerializerMethodField()
    decision_reasons = serializers.CharField(read_only=True)
    decision_document = NoticeSerializer(read_only=True)
    certificate = serializers.SerializerMethodField()
    delivery = serializers.SerializerMethodField()

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "query_code", "contact_name", "form_data", "deemed_acceptance_due",
                  "pre_review_comment", "materials", "supplement", "events", "notices", "decision_reasons",
                  "decision_document", "certificate", "delivery"]

    def _own(self, obj) -> bool:
        return applicant_capacity(self.context["request"].user, obj) is not None

    def get_query_code(self, obj) -> str:
        return obj.query_code if self._own(obj) else ""

    def get_form_data(self, obj) -> dict:
        # ID and phone numbers in the answers are masked for everyone, the applicant included (the
        # answers come from the real-name record, which is never sent in clear).
        return {k: mask_text(v) if isinstance(v, str) else v for k, v in obj.form_data.items()}

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_deemed_acceptance_due(self, obj) -> str | None:
        due = deemed_acceptance_due(obj)
        return serializers.DateTimeField().to_representation(due) if due else None

    def get_events(self, obj) -> list[dict]:
        events = obj.events.select_related("actor")
        if self._own(obj):
            events = events.filter(public=True)
        return EventSerializer(events, many=True).data

    def get_notices(self, obj) -> list[dict]:
        rows = OfficialDocument.objects.filter(owner_type="cases.case", owner_id=str(obj.pk)).order_by("id")
        return NoticeSerializer(rows, many=True).data

    def get_supplement(self, obj) -> dict | None:
        s = getattr(obj, "supplement", None)
        if s is None:
            return None
        return {"requested_at": serializers.DateTimeField().to_representation(s.requested_at), "missing": s.missing,
                "note": s.note, "supply_by": s.supply_by.isoformat() if s.supply_by else None,
                "supplied_at": serializers.DateTimeField().to_representation(s.supplied_at) if s.supplied_at else None}


    def get_certificate(self, obj) -> dict | None:
        c = ResultCertificate.objects.filter(case=obj).first()
        if c is None:
            return None
        return {"name": c.name, "number": c.number, "valid_from": c.valid_from.isoformat(),
                "valid_until": c.valid_until.isoformat() if c.valid_until else None, "issuing_body": c.issuing_body}

    def get_delivery(self, obj) -> dict | None:
        d = CaseDelivery.objects.filter(case=obj).first()
        if d is None:
            return None
        at = serializers.DateTimeField().to_representation
        return {"method": d.method, "method_display": str(d.get_method_display()), "recipient_name": d.recipient_name,
                "carrier": d.carrier, "waybill": d.waybill, "arranged_at": at(d.arranged_at),
                "delivered_at": at(d.delivered_at) if d.delivered_at else None}


class ReceiptSerializer(serializers.ModelSerializer):
    """收件回执: what the applicant keeps after applying (number, query code, receipt time)."""

    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Case
        fields = ["id", "number", "query_code", "status", "status_display", "revision", "item", "item_name",
                  "created_at", "received_at"]


class PublicCaseSerializer(serializers.ModelSerializer):
    """Status and dates only: no applicant, no form, no materials (issue 8 point 7)."""

    status_display = serializers.CharField(source="get_status_display", read_only=True)
    events = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = ["number", "item_name", "status", "status_display", "received_at", "accepted_at", "promised_by",
                  "concluded_at", "events"]

    def get_events(self, obj) -> list[dict]:
        return [{"at": serializers.DateTimeField().to_representation(e.at), "label": e.label}
                for e in obj.events.filter(public=True)]


# Inputs

class DraftInput(serializers.Serializer):
    item = serializers.IntegerField()
    channel = serializers.CharField(required=False, default="pc", max_length=12)
    applicant = serializers.IntegerField(required=False)
    form_data = serializers.DictField(required=False, default=dict)
    submit = serializers.BooleanField(required=False, default=False,
                                      help_text="为真时创建后立即提交（一次请求完成申请，可附带材料文件）")


class SaveInput(serializers.Serializer):
    form_data = serializers.DictField()
    contact_name = serializers.CharField(required=False, max_length=60, allow_blank=True)
    contact_phone = serializers.CharField(required=False, max_length=20, allow_blank=True)
    revision = serializers.IntegerField(required=False)


class RevisionInput(serializers.Serializer):
    revision = serializers.IntegerField(required=False)


class AcceptInput(RevisionInput):
    pending = serializers.DictField(child=serializers.DateField(), required=False, default=dict,
                                   help_text="容缺受理：材料 id → 补交期限")
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=500)


class SupplementItemInput(serializers.Serializer):
    material = serializers.IntegerField(required=False)
    name = serializers.CharField(required=False, max_length=300, allow_blank=True)
    note = serializers.CharField(required=False, max_length=300, allow_blank=True)


class SupplementInput(RevisionInput):
    missing = SupplementItemInput(many=True)
    supply_by = serializers.DateField()
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=1000)


class RejectInput(RevisionInput):
    reasons = serializers.CharField(max_length=2000)
    not_competent = serializers.BooleanField(required=False, default=False)
    refer_to = serializers.CharField(required=False, default="", allow_blank=True, max_length=200)


class SettleInput(RevisionInput):
    result_note = serializers.CharField(max_length=2000)


class WithdrawInput(RevisionInput):
    reason = serializers.CharField(required=False, default="", allow_blank=True, max_length=300)


class PreReviewDecisionInput(RevisionInput):
    passed = serializers.BooleanField()
    comment = serializers.CharField(required=False, default="", allow_blank=True, max_length=1000)


class MaterialCheckInput(RevisionInput):
    original_seen = serializers.BooleanField(required=False, default=False)
    copy_kept = serializers.BooleanField(required=False, default=False)
    shared_source = serializers.CharField(required=False, default="", allow_blank=True, max_length=200)
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=300)


class LookupInput(serializers.Serializer):
    number = serializers.CharField(max_length=50)
    code = serializers.CharField(max_length=6)

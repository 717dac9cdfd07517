"""The archive package of one sealed case: one zip with the whole file and a manifest.

    manifest.json        format, case, who built it and when, and per file: path, kind, size, SHA-256
    case.json            the case's facts (unmasked), its GB/T 39046—2020 tables and the form answers
    materials.json       the material checklist; materials/NN-<材料>/<id>-<文件名> the files handed in
    supplement.json      the one supplement notice (一次性告知), when there was one
    timeline.json        every timeline entry
    documents.json       the notices and decision documents; documents/<文书种类>-<id>.pdf each PDF
    audit.json           the audit events of the case and of its documents, with their chain hashes

Personal data: the archivist is authorised to keep the complete record (国务院令第716号第十二条
electronic archiving; an archive of masks is no record), so identity numbers, phones and form
answers are written in full; each package built is an audit event (`cases.case.archive_package`)
that records the manifest's SHA-256, so a package can later be matched to the trail.

A stored file whose bytes no longer hash to the digest recorded when it was stored stops the
package (`archive_file_altered`): the archive never hands out an altered file as genuine.
The processing contexts add their parts (steps, decision, special procedures) to `PACKAGE_PARTS`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _

from zwfw.accounts.models import ApplicantKind
from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.audit_labels import ACTION_LABELS
from zwfw.core.errors import Conflict
from zwfw.core.models import AuditEvent
from zwfw.documents.models import OfficialDocument
from zwfw.files.models import StoredFile
from zwfw.files.services import file_read

from ..export.gbt39046 import case_record
from ..models import Case, CaseSupplement
from .selectors import archived_case_get

FORMAT = "zwfw-case-archive/1"
SPOOL_BYTES = 16 * 1024 * 1024  # larger packages spill to a temporary file


@dataclass(frozen=True)
class Entry:
    """One file of the package. `stored` is the store's row the bytes came from (checked)."""

    path: str
    content: bytes
    kind: str
    stored: StoredFile | None = None


@dataclass
class ArchivePackage:
    filename: str
    file: IO[bytes]
    size: int
    manifest_sha256: str
    manifest: dict


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False, default=str).encode("utf-8")


def _moment(value: dt.datetime | None) -> str | None:
    return value.astimezone(clock.SHANGHAI).isoformat() if value else None


def _safe(name: str, limit: int = 60) -> str:
    """A path segment: no separators, no control characters, no leading dots."""
    cleaned = re.sub(r"[\x00-\x1f\x7f/\\:*?\"<>|]+", "_", name).strip(" .")
    return cleaned[:limit] or "_"


def _reveal(value) -> str:
    return value.reveal() if value is not None and hasattr(value, "reveal") else (value or "")


def _person(user) -> str | None:
    return (user.full_name or user.get_username()) if user is not None else None


def case_part(case: Case) -> Iterable[Entry]:
    applicant = case.applicant
    facts = {
        "办件编号": case.number, "状态": case.status, "状态名称": str(case.get_status_display()),
        "修订号": case.revision, "事项名称": case.item_name, "实施编码": case.implementation_code,
        "事项版本": case.version_id, "办件类型": case.case_kind, "办理渠道": case.channel,
        "申请人": {"类型": applicant.kind, "名称": applicant.name,
                  "公民身份号码": _reveal(applicant.id_number) if applicant.kind == ApplicantKind.PERSON else None,
                  "统一社会信用代码": applicant.credit_code, "法定代表人": applicant.legal_representative,
                  "联系电话": _reveal(applicant.phone), "地址": applicant.address},
        "提交人": _person(case.submitted_by), "经办人": _person(case.agent), "代办员": _person(case.proxy),
        "联系人": case.contact_name, "联系电话": _reveal(case.contact_phone),
        "行政区划": case.region_id, "受理单位": case.department.name,
        "受理中心": case.service_center.name if case.service_center_id else None,
        "受理窗口": case.window.name if case.window_id else None,
        "代办点": case.service_point.name if case.service_point_id else None,
        "创建时间": _moment(case.created_at), "收件时间": _moment(case.received_at),
        "受理时间": _moment(case.accepted_at), "受理人员": _person(case.accepted_by),
        "视为受理": case.deemed_accepted, "容缺受理": case.pending_materials,
        "承诺办结日期": case.promised_by.isoformat() if case.promised_by else None,
        "预审意见": case.pre_review_comment,
        "不予受理时间": _moment(case.rejected_at), "不予受理理由": case.rejection_reason, "应向其申请的机关": case.refer_to,
        "办结时间": _moment(case.concluded_at), "办理结果": case.result_note,
        "撤回时间": _moment(case.withdrawn_at), "归档时间": _moment(case.archived_at),
    }
    body = {"办件": facts, "申请表": case.form_data, "GB/T 39046—2020": case_record(case)}
    yield Entry("case.json", _json(body), "case")


def materials_part(case: Case) -> Iterable[Entry]:
    rows = []
    for material in case.materials.prefetch_related("files__stored_file", "files__added_by").select_related(
            "checked_by"):
        files = []
        for attachment in material.files.all():
            stored = attachment.stored_file
            path = (f"materials/{material.position:02d}-{_safe(material.name)}/"
                    f"{stored.pk}-{_safe(stored.original_name, 80)}")
            files.append({"文件": path, "原文件名": stored.original_name, "上传人": _person(attachment.added_by),
                          "上传时间": _moment(attachment.added_at), "SHA256": stored.sha256})
            yield Entry(path, file_read(stored), "material", stored)
        rows.append({"序号": material.position, "材料名称": material.name, "必要": material.required,
                     "适用情形": material.condition, "收取方式": material.forms, "原件已核验": material.original_seen,
                     "复印件已留存": material.copy_kept, "共享来源": material.shared_source,
                     "容缺补交期限": material.pending_until.isoformat() if material.pending_until else None,
                     "说明": material.note, "核验人": _person(material.checked_by),
                     "核验时间": _moment(material.checked_at), "文件": files})
    yield Entry("materials.json", _json(rows), "materials")


def supplement_part(case: Case) -> Iterable[Entry]:
    supplement = CaseSupplement.objects.filter(case=case).select_related("requested_by", "document").first()
    if supplement is None:
        return
    yield Entry("supplement.json", _json({
        "告知时间": _moment(supplement.requested_at), "告知人": _person(supplement.requested_by),
        "需补正内容": supplement.missing, "其他说明": supplement.note,
        "补正期限": supplement.supply_by.isoformat() if supplement.supply_by else None,
        "补正材料通知书": supplement.document.number if supplement.document_id else None,
        "补正完成时间": _moment(supplement.supplied_at)}), "supplement")


def timeline_part(case: Case) -> Iterable[Entry]:
    rows = [{"时间": _moment(e.at), "动作": e.action, "事件": e.label, "处理后状态": e.status_after,
             "操作人": _person(e.actor), "身份": e.acting_as, "说明": e.note, "申请人可见": e.public,
             "文书": e.document.number if e.document_id else None}
            for e in case.events.select_related("actor", "document")]
    yield Entry("timeline.json", _json(rows), "timeline")


def _documents(case: Case) -> list[OfficialDocument]:
    return list(OfficialDocument.objects.filter(owner_type=case._meta.label_lower, owner_id=str(case.pk))
                .select_related("stored_file").order_by("issued_on", "pk"))


def documents_part(case: Case) -> Iterable[Entry]:
    rows = []
    for document in _documents(case):
        path = f"documents/{_safe(document.kind)}-{document.pk}.pdf"
        rows.append({"文件": path, "文书种类": document.kind, "文书名称": document.title, "文号": document.number,
                     "发文机关": document.issuer_name, "发文日期": document.issued_on.isoformat(),
                     "SHA256": document.sha256})
        yield Entry(path, file_read(document.stored_file), "document", document.stored_file)
    yield Entry("documents.json", _json(rows), "documents")


def audit_part(case: Case) -> Iterable[Entry]:
    objects = [(case._meta.label_lower, str(case.pk))]
    objects += [(OfficialDocument._meta.label_lower, str(d.pk)) for d in _documents(case)]
    rows = []
    for object_type, object_id in objects:
        for event in AuditEvent.objects.filter(object_type=object_type, object_id=object_id).order_by("seq"):
            rows.append({"序号": event.seq, "链序号": event.chain_seq, "时间": _moment(event.occurred_at),
                         "操作人": event.actor_name, "角色": event.actor_role, "操作": event.action,
                         "操作名称": str(ACTION_LABELS.get(event.action, event.action)),
                         "对象类型": event.object_type, "对象ID": event.object_id, "对象": event.object_repr,
                         "变更内容": event.changes, "来源地址": event.ip_address,
                         "前一哈希": event.prev_hash, "哈希": event.hash})
    rows.sort(key=lambda r: r["序号"])
    yield Entry("audit.json", _json(rows), "audit")


# The parts of a package, in order. Processing contexts append theirs (steps, decision, …).
PACKAGE_PARTS: list[Callable[[Case], Iterable[Entry]]] = [
    case_part, materials_part, supplement_part, timeline_part, documents_part, audit_part,
]


def _check_stored(entry: Entry, digest: str) -> None:
    if entry.stored is not None and entry.stored.sha256 != digest:
        raise Conflict(_("档案文件“%(name)s”与存储时的校验值不一致，已停止打包，请联系系统管理员")
                       % {"name": entry.stored.original_name}, code="archive_file_altered")


def package_build(case: Case, *, built_by: str, now: dt.datetime) -> ArchivePackage:
    """Write the zip (deterministic member times: the archiving moment) and its manifest."""
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (handed to the response)
    files = []
    stamp = case.archived_at.astimezone(clock.SHANGHAI).timetuple()[:6]
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for part in PACKAGE_PARTS:
            for entry in part(case):
                digest = hashlib.sha256(entry.content).hexdigest()
                _check_stored(entry, digest)
                archive.writestr(zipfile.ZipInfo(entry.path, date_time=stamp), entry.content,
                                 compress_type=zipfile.ZIP_DEFLATED)
                files.append({"path": entry.path, "kind": entry.kind, "size": len(entry.content), "sha256": digest})
        manifest = {"format": FORMAT, "hash_algorithm": "SHA-256", "case_number": case.number, "case_id": case.pk,
                    "archived_at": _moment(case.archived_at), "built_at": _moment(now), "built_by": built_by,
                    "files": files}
        manifest_bytes = _json(manifest)
        archive.writestr(zipfile.ZipInfo("manifest.json", date_time=stamp), manifest_bytes,
                         compress_type=zipfile.ZIP_DEFLATED)
    size = spool.tell()
    spool.seek(0)
    return ArchivePackage(filename=f"办件档案-{case.number}.zip", file=spool, size=size,
                          manifest_sha256=hashlib.sha256(manifest_bytes).hexdigest(), manifest=manifest)


def case_archive_package(*, actor, case_id, now: dt.datetime | None = None) -> ArchivePackage:
    """The package of one archived case for an archivist who may see it; audited with the
    manifest's digest. Anyone else, or a case not yet sealed, is "not found"."""
    now = now or clock.now()
    case = archived_case_get(viewer=actor, case_id=case_id)
    package = package_build(case, built_by=_person(actor) or "", now=now)
    with transaction.atomic():
        audit_record(actor=actor, action="cases.case.archive_package", target=case, now=now,
                     changes={"manifest_sha256": package.manifest_sha256, "files": len(package.manifest["files"]),
                              "size": package.size})
    return package

"""The three record editors: person, device and account, one field per access fact."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from clinic.i18n import _
from ui.stages.inventory_parts import labels
from ui.stages.inventory_parts.form import EntityForm


def person_form(parent: QWidget | None = None) -> EntityForm:
    form = EntityForm(parent)
    form.add_text("label", _("Label (no real name needed)"))
    form.add_choice("role", _("Role"), [(k, _(v)) for k, v in labels.ROLES.items()])
    form.add_notes("notes", _("Notes"))
    return form


def device_form(parent: QWidget | None = None) -> EntityForm:
    form = EntityForm(parent)
    form.add_text("label", _("Label"))
    form.add_choice("kind", _("Kind"), [(k, _(v)) for k, v in labels.KINDS.items()])
    form.add_choice("platform", _("System"), [(k, _(v)) for k, v in labels.PLATFORMS.items()])
    form.add_number("os_major", _("System version"), 1, 99)
    form.add_check("brought_today", _("Brought today"))
    form.add_person("owner_id", _("Owner"))
    form.add_person("main_user_id", _("Main user"))
    form.add_person("paid_by_id", _("Paid by"))
    form.add_person("set_up_by_id", _("Set up by"))
    form.add_many("passcode_known_by", _("Passcode known by"))
    form.add_many("physical_access", _("Can get hold of it"))
    form.add_check("goes_to_visitation", _("Goes to visitation"))
    form.add_notes("notes", _("Notes"))
    return form


def account_form(parent: QWidget | None = None) -> EntityForm:
    form = EntityForm(parent)
    form.add_text("label", _("Label"))
    form.add_choice("service", _("Service"), [(k, _(v)) for k, v in labels.SERVICES.items()])
    form.add_check("brought_today", _("Brought today"))
    form.add_person("owner_id", _("Owner"))
    form.add_many("password_known_by", _("Password known by"))
    form.add_person("recovery_email_controlled_by", _("Recovery email read by"))
    form.add_person("recovery_phone_controlled_by", _("Recovery phone held by"))
    form.add_choice(
        "two_factor", _("Two-step sign-in"), [(k, _(v)) for k, v in labels.TWO_FACTOR.items()]
    )
    form.add_many("signed_in_on", _("Signed in on"), source="devices")
    form.add_check("family_plan", _("Family plan"))
    form.add_person("plan_organizer_id", _("Plan organizer"))
    form.add_person("paid_by_id", _("Paid by"))
    form.add_many("shared_with", _("Shared with"))
    form.add_notes("notes", _("Notes"))
    return form

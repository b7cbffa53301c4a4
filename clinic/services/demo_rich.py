"""The rich demo case ("Maple"): every kind of record, with routes direct and indirect.

No text here uses a word that discreet mode forbids, so its survivor summary prints in
discreet mode as it is.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from clinic.model import (
    Account,
    Case,
    ChecklistRun,
    Concern,
    ConsentRecord,
    Device,
    Finding,
    FollowUp,
    HandoffNote,
    ItemResult,
    Person,
    PlanItem,
    Referral,
    SafeContact,
    SafetyCheckIn,
    SituationContext,
    TeamMember,
    Visit,
)
from clinic.model.vocab import (
    CaseStatus,
    ConcernCategory,
    Decision,
    DeviceKind,
    ItemStatus,
    Language,
    PersonRole,
    Platform,
    RiskTag,
    Service,
    TopicState,
)
from clinic.protocols.loader import ProtocolSet


class DemoIds:
    """Deterministic UUID4 strings from the demo's random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def __call__(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))


def _results(
    ids: DemoIds,
    protocols: ProtocolSet | None,
    protocol_id: str,
    statuses: list[ItemStatus],
    notes: list[str],
) -> tuple[list[ItemResult], list[str]]:
    """Results for the first items of a shipped protocol (no protocol: none)."""
    proto = protocols.get(protocol_id) if protocols else None
    if proto is None:
        return [], []
    out, item_ids = [], []
    for n, item in enumerate(proto.items[: len(statuses)]):
        note = notes[n] if n < len(notes) else ""
        out.append(ItemResult(id=ids(), item_id=item.id, status=statuses[n], note=note))
        item_ids.append(item.id)
    return out, item_ids


def rich_case(ids: DemoIds, day: dt.date, protocols: ProtocolSet | None) -> Case:
    client = Person(id=ids(), role=PersonRole.CLIENT, label="Maple", notes="Prefers short breaks.")
    poc = Person(
        id=ids(),
        role=PersonRole.PERSON_OF_CONCERN,
        label="Former partner (J.)",
        notes="Moved out in the spring; still visits for the children.",
    )
    child = Person(id=ids(), role=PersonRole.CHILD, label="Child A (9)", notes="Has a tablet.")
    sister = Person(
        id=ids(), role=PersonRole.OTHER, label="Sister", notes="Trusted; helps with rides."
    )
    iphone = Device(
        id=ids(),
        kind=DeviceKind.PHONE,
        platform=Platform.IOS,
        os_major=17,
        label="Maple's iPhone 13",
        owner_id=client.id,
        main_user_id=client.id,
        paid_by_id=poc.id,
        set_up_by_id=poc.id,
        passcode_known_by=[poc.id],
        brought_today=True,
        notes="Bought by J. two years ago; J. set it up.",
    )
    tablet = Device(
        id=ids(),
        kind=DeviceKind.TABLET,
        platform=Platform.ANDROID,
        os_major=13,
        label="Child A's tablet",
        owner_id=child.id,
        main_user_id=child.id,
        set_up_by_id=poc.id,
        physical_access=[poc.id],
        goes_to_visitation=True,
        brought_today=True,
        notes="Goes with Child A on weekend visits.",
    )
    laptop = Device(
        id=ids(),
        kind=DeviceKind.LAPTOP,
        platform=Platform.WINDOWS,
        os_major=11,
        label="Family laptop",
        owner_id=client.id,
        paid_by_id=client.id,
        set_up_by_id=poc.id,
        passcode_known_by=[poc.id, client.id],
        physical_access=[client.id],
        notes="Shared during the relationship; still at home.",
    )
    car = Device(
        id=ids(),
        kind=DeviceKind.CAR,
        platform=Platform.OTHER,
        label="Car",
        owner_id=client.id,
        paid_by_id=poc.id,
        notes="The car app account was made by J.",
    )
    speaker = Device(
        id=ids(),
        kind=DeviceKind.SMART_HOME,
        platform=Platform.OTHER,
        label="Kitchen smart speaker",
        owner_id=poc.id,
        set_up_by_id=poc.id,
        notes="Linked to J.'s account.",
    )
    apple = Account(
        id=ids(),
        service=Service.APPLE_ID,
        label="Apple Account (Maple)",
        owner_id=client.id,
        password_known_by=[poc.id],
        two_factor="no",
        signed_in_on=[iphone.id, laptop.id],
        brought_today=True,
        notes="J. made this account and chose the password.",
    )
    poc_email = Account(
        id=ids(),
        service=Service.EMAIL,
        label="J.'s email",
        owner_id=poc.id,
        notes="Not Maple's: listed because it is a recovery address.",
    )
    google = Account(
        id=ids(),
        service=Service.GOOGLE,
        label="Google account (Maple)",
        owner_id=client.id,
        recovery_email_controlled_by=poc.id,
        two_factor="unknown",
        signed_in_on=[tablet.id],
        notes="Recovery email is J.'s address.",
    )
    carrier = Account(
        id=ids(),
        service=Service.CARRIER,
        label="Phone plan",
        owner_id=poc.id,
        family_plan=True,
        plan_organizer_id=poc.id,
        paid_by_id=poc.id,
        shared_with=[client.id],
        signed_in_on=[iphone.id],
        notes="Maple's number is a line on J.'s family plan.",
    )
    instagram = Account(
        id=ids(),
        service=Service.INSTAGRAM,
        label="Instagram (Maple)",
        owner_id=client.id,
        two_factor="no",
        signed_in_on=[iphone.id, laptop.id],
        notes="A post appeared that Maple did not write.",
    )
    whatsapp = Account(
        id=ids(),
        service=Service.WHATSAPP,
        label="WhatsApp (Maple)",
        owner_id=client.id,
        two_factor="no",
        signed_in_on=[iphone.id],
        brought_today=True,
        notes="Used with family.",
    )
    visit = Visit(
        id=ids(),
        date=day - dt.timedelta(days=2),
        team=[
            TeamMember(role="technologist", initials="AB"),
            TeamMember(role="advocate", initials="CD"),
        ],
        consent=ConsentRecord(
            script_read=True,
            may_check_devices=True,
            may_check_accounts=True,
            may_keep_notes=True,
            may_share_with_advocate=True,
            may_keep_app_list=False,
            notes="Agreed to the phone and account checks; not to keeping the app list.",
        ),
        check_in=SafetyCheckIn(
            safe_to_talk="yes",
            others_have_access="unsure",
            if_interrupted="Say we are helping with a phone upgrade.",
            code_word="blue umbrella",
            summary_safe_to_take_home="no",
        ),
        concerns=[
            Concern(
                id=ids(),
                text="He always seems to know where I am, even when I did not tell anyone.",
                categories=[ConcernCategory.LOCATION],
            ),
            Concern(
                id=ids(),
                text="A post went up on my Instagram that I never wrote.",
                categories=[ConcernCategory.HACKED_ACCOUNTS, ConcernCategory.SOCIAL_MEDIA],
            ),
            Concern(
                id=ids(),
                text="I worry about what my child's tablet shares on weekends.",
                categories=[ConcernCategory.CHILD_DEVICES],
            ),
        ],
        topics={
            "location": TopicState.RAISED,
            "shared-and-access": TopicState.RAISED,
            "children": TopicState.RAISED,
            "money": TopicState.DECLINED,
        },
        pre_session={"laptop-offline": True, "cables": True, "advocate-present": True},
        end_session={"developer-options-off": True},
        notes="Calm session; Maple wanted to go step by step.",
    )
    ios_results, ios_items = _results(
        ids,
        protocols,
        "ios-device",
        [
            ItemStatus.CONCERN,
            ItemStatus.NO_CONCERN_FOUND,
            ItemStatus.NO_CONCERN_FOUND,
            ItemStatus.DECLINED,
        ],
        [
            "J. knows the passcode and set up Face ID.",
            "Nothing found by this check.",
            "Looked together.",
            "Maple preferred to skip this today.",
        ],
    )
    apple_results, apple_items = _results(
        ids,
        protocols,
        "apple-id",
        [ItemStatus.CONCERN, ItemStatus.CONCERN, ItemStatus.NO_CONCERN_FOUND],
        ["J. knows the password.", "An unknown laptop is signed in.", "Looked together."],
    )
    carrier_results, _ = _results(
        ids,
        protocols,
        "carrier-family-plan",
        [ItemStatus.CONCERN, ItemStatus.NOT_CHECKED],
        ["Maple's line is on J.'s plan.", ""],
    )
    runs = [
        ChecklistRun(
            id=ids(),
            visit_id=visit.id,
            protocol_id="ios-device",
            target_id=iphone.id,
            results=ios_results,
        ),
        ChecklistRun(
            id=ids(),
            visit_id=visit.id,
            protocol_id="apple-id",
            target_id=apple.id,
            results=apple_results,
        ),
        ChecklistRun(
            id=ids(),
            visit_id=visit.id,
            protocol_id="carrier-family-plan",
            target_id=carrier.id,
            results=carrier_results,
        ),
    ]
    f_pass = Finding(
        id=ids(),
        visit_id=visit.id,
        source="checklist",
        title="The other person knows the Apple Account password",
        detail="J. chose the password and may still sign in; "
        "the account holds location and backups.",
        protocol_id="apple-id",
        item_id=apple_items[0] if apple_items else None,
        target_id=apple.id,
        evidence=["Maple confirmed J. set the password.", "No two-step sign-in was turned on."],
    )
    f_loc = Finding(
        id=ids(),
        visit_id=visit.id,
        source="checklist",
        title="The phone passcode is known to the other person",
        detail="J. set up the passcode and Face ID on the iPhone.",
        protocol_id="ios-device",
        item_id=ios_items[0] if ios_items else None,
        target_id=iphone.id,
        evidence=["Maple said J. chose the passcode."],
    )
    f_plan = Finding(
        id=ids(),
        visit_id=visit.id,
        source="manual",
        title="The phone number is on the other person's plan",
        detail="The plan holder can see call records and may use the carrier's locator service.",
        target_id=carrier.id,
        evidence=["Account holder is J."],
    )
    plan = [
        PlanItem(
            id=ids(),
            finding_id=f_pass.id,
            title="Change the Apple Account password and turn on two-step sign-in",
            risk_tags=[RiskTag.NOTIFIES_OTHER_PERSON, RiskTag.OTHER_PERSON_LOSES_ACCESS],
            would_notice="J. may see a sign-out on the laptop.",
            access_lost="J. loses photos and location.",
            reaction="Maple thinks J. may call to ask why.",
            documented_first=True,
            decision=Decision.LATER,
            who_acts="Maple, after talking with CD",
            note="Wait until the advocate has made a plan with Maple.",
        ),
        PlanItem(
            id=ids(),
            finding_id=f_loc.id,
            title="Set a new passcode and reset Face ID",
            risk_tags=[RiskTag.NOTIFIES_OTHER_PERSON],
            would_notice="Only if J. handles the phone.",
            access_lost="J. can no longer unlock the phone.",
            reaction="Maple expects little reaction.",
            documented_first=None,
            decision=Decision.DONE_TOGETHER,
            who_acts="Maple, with AB",
            note="Done together during the visit.",
        ),
        PlanItem(
            id=ids(),
            finding_id=f_plan.id,
            title="Move the phone number to a plan of Maple's own",
            risk_tags=[RiskTag.NOTIFIES_OTHER_PERSON, RiskTag.NEEDS_ADVOCATE],
            would_notice="J. will see the line leave the plan.",
            access_lost="Call records and the locator.",
            reaction="Unsure; Maple wants to plan it with the advocate.",
            decision=Decision.REFERRED,
            who_acts="CD",
            note="The advocate will look at options with Maple.",
        ),
    ]
    referrals = [
        Referral(
            id=ids(),
            entry_id="us-national-hotline",
            name="National Domestic Violence Hotline",
            neutral_label="Support line",
            contact="1-800-799-7233",
            note="Open day and night.",
        ),
    ]
    handoff = HandoffNote(
        id=ids(),
        visit_id=visit.id,
        written_on=visit.date,
        text="Maple is worried about location and account access. "
        "Apple Account password is known to J.; the number is on J.'s family plan. "
        "Maple chose to wait on the password change until a plan is made.",
    )
    follow_up = FollowUp(
        id=ids(),
        what="Call Maple (through CD) about moving the phone number.",
        who="CD",
        due=day + dt.timedelta(days=12),
    )
    return Case(
        id=ids(),
        pseudonym="Maple",
        language=Language.EN,
        status=CaseStatus.OPEN,
        opened=visit.date,
        safe_contact=SafeContact(
            method="Through the advocate only",
            times="Weekdays after 10:00",
            voicemail_ok="no",
            only_through_advocate=True,
            notes="Do not text the phone on J.'s plan.",
        ),
        situation=SituationContext(
            lives_with_poc="no",
            children="yes",
            children_visitation=True,
            order_of_protection="unknown",
            date_separated=day - dt.timedelta(days=200),
            notes="Weekend visits with J.",
        ),
        people=[client, poc, child, sister],
        devices=[iphone, tablet, laptop, car, speaker],
        accounts=[apple, poc_email, google, carrier, instagram, whatsapp],
        visits=[visit],
        checklist_runs=runs,
        findings=[f_pass, f_loc, f_plan],
        plan_items=plan,
        referrals=referrals,
        handoff_notes=[handoff],
        follow_ups=[follow_up],
    )

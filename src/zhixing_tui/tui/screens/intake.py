"""初次接待: the interview record (初次接待谈话笔录) of one case as a long keyboard form, or the note
that no interview took place.

The case is the app's current one (F2 from a case's detail opens it) or chosen at the top (F9:
案号, party or pinyin; Ctrl+N registers a new case). The form holds every field of ``domain.intake.FIELDS`` in sections; Tab/Shift+Tab move,
Space/Enter choose, messages appear under a field as it is typed or left. Ctrl+S validates and
saves through ``services.window.intake`` in a worker (a new version, audited); Esc asks before unsaved
changes are thrown away; Ctrl+R writes the printed record (.docx) to exports/.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Input, RadioButton, RadioSet, SelectionList, Static

from ...domain import intake as rules
from ...domain.money import format_money
from ...i18n import intake as intake_text
from ...services.window import intake as svc
from ..modals.confirm_discard import ConfirmDiscardModal
from ..widgets.case_picker import CasePicker
from ..widgets.footer import DeskFooter
from ..widgets.form_fields import FieldRow, set_choice
from ..widgets.header import DeskHeader
from .base import DeskScreen

SECTION_TITLES = dict(rules.SECTIONS)
#: The sections top to bottom: as printed, except that the no-interview reason (shown only in that
#: mode, with the 签名 section's three fields) comes before the signature.
_SIGN = [code for code, _ in rules.SECTIONS].index("sign")
SCREEN_SECTIONS = [
    *(sec for sec in rules.SECTIONS[:_SIGN] if sec[0] != "none"),
    ("none", SECTION_TITLES["none"]),
    *(sec for sec in rules.SECTIONS[_SIGN:] if sec[0] != "none"),
]


@dataclass
class IntakeLoaded(Message):
    view: svc.IntakeView
    history: list[svc.VersionRow]


@dataclass
class IntakeSaved(Message):
    version: int
    interviewed: bool


@dataclass
class IntakePrinted(Message):
    path: str


class IntakeScreen(DeskScreen):
    SCREEN_ID = "intake"
    TITLE = intake_text.SCREEN_TITLE
    DEFAULT_CSS = """
    IntakeScreen #intake-case { height: auto; margin: 0 1; padding: 0 1; color: $text; }
    IntakeScreen #intake-problems { height: auto; margin: 0 1; padding: 0 1; color: $error;
                                    text-style: bold; display: none; }
    IntakeScreen #intake-problems.-shown { display: block; }
    IntakeScreen #intake-form { height: 1fr; margin: 0 1; display: none; }
    IntakeScreen.-loaded #intake-form { display: block; }
    IntakeScreen .form-section { height: auto; border: round $primary; border-title-style: bold;
                                 padding: 0 1; margin-bottom: 1; }
    IntakeScreen #f-mode { layout: horizontal; height: auto; width: 1fr; }
    IntakeScreen #f-mode RadioButton { width: auto; margin-right: 4; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", intake_text.KEY_SAVE, id="intake.save", priority=True),
        Binding("ctrl+r", "print", intake_text.KEY_PRINT, id="intake.print"),
        Binding("f9", "pick", intake_text.KEY_PICK, id="intake.pick"),
    ]

    def __init__(self, case_id: int | None = None) -> None:
        super().__init__()
        self.case_id = case_id
        self.view: svc.IntakeView | None = None
        self.history: list[svc.VersionRow] = []
        self.baseline: tuple[bool, dict[str, Any]] | None = None
        self.saving = False

    # --- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield DeskHeader()
        yield CasePicker(id="intake-picker")
        yield Static("", id="intake-case")
        yield Static("", id="intake-problems")
        with VerticalScroll(id="intake-form"):
            with Vertical(classes="form-section", id="sec-mode") as mode:
                mode.border_title = intake_text.MODE_LABEL
                with RadioSet(id="f-mode", compact=True):
                    yield RadioButton(
                        intake_text.MODE_INTERVIEW, value=True, id="o-mode-interview", compact=True
                    )
                    yield RadioButton(intake_text.MODE_NONE, id="o-mode-none", compact=True)
        yield DeskFooter()

    async def _build_form(self) -> None:
        """Mount the form's sections under 接待方式, once: the form stays hidden until a case is
        loaded, so F2 without a case shows the case picker without first building ~300 widgets
        nobody sees yet (the first case loaded builds them, before it fills them)."""
        if self.query("#intake-form FieldRow"):
            return
        sections = []
        for code, title in SCREEN_SECTIONS:
            box = Vertical(
                *(
                    FieldRow(f, required=f.required and f.key != "no_interview_reason")
                    for f in rules.FIELDS
                    if f.section == code
                ),
                classes="form-section",
                id=f"sec-{code}",
            )
            box.border_title = title
            sections.append(box)
        await self.query_one("#intake-form", VerticalScroll).mount_all(sections)

    def on_mount(self) -> None:
        picker = self.query_one(CasePicker)
        if self.case_id is None:
            picker.open()
        else:
            self.load(self.case_id)

    def rows(self) -> list[FieldRow]:
        return list(self.query(FieldRow))

    def row(self, key: str) -> FieldRow:
        return self.query_one(f"#row-{key}", FieldRow)

    # --- loading ------------------------------------------------------------------------------
    @on(CasePicker.Chosen)
    def _chosen(self, message: CasePicker.Chosen) -> None:
        self._leave_then(lambda: self.load(message.case_id))

    def follow_case(self, case_id: int) -> None:
        """Open the app's current case (F2 from a case's detail), asking first about unsaved changes."""
        if case_id == self.case_id:
            return
        if not self.is_mounted:
            self.case_id = case_id  # on_mount loads it
            return
        self._leave_then(lambda: self.load(case_id))

    @work(thread=True, exclusive=True, group="intake-load", exit_on_error=False)
    def load(self, case_id: int) -> None:
        desk = self.zapp.desk
        self.post_result(IntakeLoaded(svc.load_intake(desk, case_id), svc.intake_history(desk, case_id)))

    @on(IntakeLoaded)
    async def _loaded(self, message: IntakeLoaded) -> None:
        await self._build_form()
        view = message.view
        first = self.view is None or self.view.case.id != view.case.id
        self.case_id = view.case.id
        self.zapp.set_current_case(view.case.id)
        self.view = view
        self.history = message.history
        self.title = f"{intake_text.SCREEN_TITLE}　{view.case.case_no}"
        self.add_class("-loaded")
        self.query_one(CasePicker).close()
        self._fill(view.interviewed, view.answers)
        self.baseline = self.collect()
        self._show_case()
        if first:
            self.query_one("#f-mode", RadioSet).focus()
            self.query_one("#intake-form", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    def _fill(self, interviewed: bool, answers: dict[str, Any]) -> None:
        with self.prevent(RadioButton.Changed, RadioSet.Changed):
            set_choice(
                self.query_one("#f-mode", RadioSet), "o-mode-interview" if interviewed else "o-mode-none"
            )
        for row in self.rows():
            row.set_value(answers.get(row.spec.key))
            row.show_error(None)
        self._show_problems([])
        self._apply_mode(interviewed)

    @property
    def filed_on(self) -> date | None:
        """The filing day of the case on the form: no date of the form is before it."""
        return self.view.case.filed_on if self.view is not None else None

    def _show_case(self) -> None:
        if self.view is None:
            return
        c = self.view.case
        lines = [
            intake_text.CASE_LINE.format(
                case_no=c.case_no,
                filed_on=c.filed_on.isoformat(),
                claim=format_money(c.claim_fen),
                basis=c.basis or "—",
            ),
            intake_text.PARTIES_LINE.format(
                applicants="、".join(p.name for p in c.applicants) or "—",
                respondents="、".join(p.name for p in c.respondents) or "—",
            ),
        ]
        if self.view.version:
            saved_at = self.view.saved_at.strftime("%Y-%m-%d %H:%M") if self.view.saved_at else ""
            version = intake_text.VERSION_LINE.format(
                version=self.view.version,
                saved_by=self.view.saved_by,
                saved_at=saved_at,
                count=len(self.history),
            )
        else:
            version = intake_text.VERSION_NEW
        lines.append(version + (intake_text.DIRTY_MARK if self.dirty else ""))
        self.query_one("#intake-case", Static).update("\n".join(lines))

    # --- the form -----------------------------------------------------------------------------
    @property
    def interviewed(self) -> bool:
        return self.query_one("#o-mode-none", RadioButton).value is False

    def collect(self) -> tuple[bool, dict[str, Any]]:
        """(interviewed, answers) as the form holds them now."""
        return self.interviewed, {row.spec.key: row.value for row in self.rows()}

    @property
    def dirty(self) -> bool:
        return self.baseline is not None and self.collect() != self.baseline

    def _apply_mode(self, interviewed: bool) -> None:
        shown = {f.key for f in rules.FIELDS if f.key != "no_interview_reason"}
        if not interviewed:
            shown = set(rules.NO_INTERVIEW_FIELDS)
        for row in self.rows():
            f = row.spec
            row.display = f.key in shown
            required = f.required if interviewed else f.no_interview and f.required
            row.set_label(rules.label_of(f.key, interviewed=interviewed), required=required)
        for code, _ in rules.SECTIONS:
            section = self.query_one(f"#sec-{code}")
            section.display = any(f.key in shown for f in rules.FIELDS if f.section == code)

    @on(RadioSet.Changed, "#f-mode")
    def _mode_changed(self, _event: RadioSet.Changed) -> None:
        self._apply_mode(self.interviewed)
        self._changed()

    def _check(self, row: FieldRow, *, leaving: bool) -> None:
        """Show (or clear) the field's message: format errors while typing, missing ones on leaving."""
        interviewed, answers = self.collect()
        value = answers[row.spec.key]
        _, message = rules.check_field(
            row.spec,
            value,
            answers=answers,
            interviewed=interviewed,
            today=self.zapp.desk.today(),
            filed_on=self.filed_on,
        )
        if message and not leaving and not row.error and (value in ("", []) or row.spec.kind == "checklist"):
            message = None  # do not nag about a field while it is still empty
        if not message and leaving:  # a rule across fields (记录人 ≠ 谈话人) shows on leaving too
            message = dict(self._problems()).get(row.spec.key)
        row.show_error(message)

    def _row_of(self, widget) -> FieldRow | None:
        for node in widget.ancestors_with_self:
            if isinstance(node, FieldRow):
                return node
        return None

    def on_text_area_changed(self, event) -> None:
        """TextArea.Changed (by its handler name: TextArea loads with the first form, not here)."""
        self._edited(event)

    @on(Input.Changed)
    @on(RadioSet.Changed)
    @on(SelectionList.SelectedChanged)
    def _edited(self, event) -> None:
        row = self._row_of(event.control)
        if row is not None and self.view is not None:
            self._check(row, leaving=False)
            self._changed()

    @on(Input.Blurred)
    def _left_input(self, event: Input.Blurred) -> None:
        row = self._row_of(event.control)
        if row is not None and self.view is not None:
            self._check(row, leaving=True)

    def on_descendant_focus(self, event) -> None:
        """Mark the row whose field has the focus: the inputs are borderless, its label shows it."""
        focused = self._row_of(event.widget)
        for row in self.rows():
            row.set_class(row is focused, "-focused")

    def on_descendant_blur(self, event) -> None:
        row = self._row_of(event.widget)
        if row is not None and self.view is not None and row.spec.kind in ("textarea", "choice", "checklist"):
            self._check(row, leaving=True)

    def _changed(self) -> None:
        self._show_case()
        if self.query_one("#intake-problems").has_class("-shown"):  # shown since Ctrl+S: keep it true
            self._show_problems(self._problems())
        self.refresh_bindings()

    def _problems(self) -> list[tuple[str, str]]:
        """The form's problems (``rules.validate``) in the order the fields are on screen."""
        interviewed, answers = self.collect()
        desk = self.zapp.desk
        by_key = dict(
            rules.validate(
                answers,
                interviewed=interviewed,
                today=desk.today(),
                one_person=desk.profile.intake.one_person_may_record,
                filed_on=self.filed_on,
            )
        )
        return [(row.spec.key, by_key[row.spec.key]) for row in self.rows() if row.spec.key in by_key]

    def _show_problems(self, problems: list[tuple[str, str]]) -> None:
        """The summary line above the form: every problem a save found, or nothing."""
        line = self.query_one("#intake-problems", Static)
        text = "；".join(message for _, message in problems)
        line.update(intake_text.PROBLEMS.format(count=len(problems), problems=text) if problems else "")
        line.set_class(bool(problems), "-shown")

    # --- keys ---------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save":
            return self.view is not None and not self.saving
        if action == "print":
            return self.view is not None and self.view.version > 0
        if action == "back":
            return True if self.view is not None and self.dirty else super().check_action(action, parameters)
        return super().check_action(action, parameters)

    def action_save(self) -> None:
        if self.view is None or self.case_id is None:
            self.notify(intake_text.NO_CASE, severity="warning")
            return
        interviewed, answers = self.collect()
        problems = self._problems()
        by_key = dict(problems)
        for row in self.rows():
            if row.display:
                row.show_error(by_key.get(row.spec.key))
        self._show_problems(problems)
        if problems:
            self.row(problems[0][0]).focus_control()
            self.notify(
                intake_text.PROBLEMS_TOAST.format(count=len(problems)),
                title=intake_text.PROBLEMS_TITLE,
                severity="error",
            )
            return
        self.saving = True
        self.refresh_bindings()
        self.save(self.case_id, interviewed, answers, self.view.version)

    @work(thread=True, exclusive=True, group="intake-save", exit_on_error=False)
    def save(self, case_id: int, interviewed: bool, answers: dict[str, Any], version: int) -> None:
        try:
            saved = svc.save_intake(
                self.zapp.desk, case_id, answers, interviewed=interviewed, expected_version=version
            )
        finally:
            self.app.call_from_thread(self._save_finished)
        self.post_result(IntakeSaved(saved, interviewed))

    def _save_finished(self) -> None:
        self.saving = False
        self.refresh_bindings()

    @on(IntakeSaved)
    def _saved(self, message: IntakeSaved) -> None:
        saved = intake_text.SAVED if message.interviewed else intake_text.SAVED_NONE
        self.notify(saved.format(version=message.version), title=intake_text.SAVED_TITLE)
        if self.case_id is not None:
            self.load(self.case_id)

    def action_print(self) -> None:
        if self.view is None or self.view.version == 0:
            self.notify(intake_text.PRINT_NOTHING, severity="warning")
        elif self.dirty:
            self.notify(intake_text.PRINT_SAVE_FIRST, severity="warning")
        else:
            self.print_record(self.view.case.case_no)

    @work(thread=True, exclusive=True, group="intake-print", exit_on_error=False)
    def print_record(self, case_no: str) -> None:
        from ...services.printing.intake_record import write_intake_record

        self.post_result(IntakePrinted(str(write_intake_record(self.zapp.desk, case_no))))

    @on(IntakePrinted)
    def _printed(self, message: IntakePrinted) -> None:
        self.notify(intake_text.PRINTED.format(path=message.path))

    def action_pick(self) -> None:
        self.query_one(CasePicker).open()

    def _leave_then(self, then) -> None:
        """Run ``then`` now, or after the person agreed to drop unsaved changes."""
        if self.view is None or not self.dirty:
            then()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self._discard()
                then()

        self.app.push_screen(ConfirmDiscardModal(), answered)

    def has_unsaved_input(self) -> bool:
        return self.view is not None and self.dirty

    def discard_input(self) -> None:
        self._discard()

    def unsaved_where(self) -> str:
        return intake_text.SCREEN_TITLE

    def _discard(self) -> None:
        if self.view is not None and self.baseline is not None:
            self._fill(*self.baseline)
            self._show_case()

    def action_back(self) -> None:
        if self.query_one(CasePicker).has_class("-open") and self.view is not None:
            self.query_one(CasePicker).close()
            self.query_one("#f-mode", RadioSet).focus()
            return
        self._leave_then(super().action_back)

"""Import and export of the admin (django-import-export): runners in, laps out.

The runner import is all or nothing: a file with one bad row imports nothing and lists every
bad row with its line and reason, so staff fix the file and upload the same file again.
"""

import math
from datetime import time, timedelta
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet, Value
from import_export import resources
from import_export.fields import Field
from import_export.widgets import BooleanWidget, DateTimeWidget, Widget

from competition.folding import Fold
from competition.models import Group, Lap, Runner, University
from competition.scoring import with_points
from competition.services.runners import normalise_identification, runner_create, runner_update

DEFAULT_UNIVERSITY = "KU Leuven"
RUNNER_COLUMNS = ("first_name", "last_name", "identification", "university", "group", "first_year", "test_time")
REQUIRED_COLUMNS = ("first_name", "last_name", "identification")
LAP_COLUMNS = ("id", "runner_name", "identification", "group", "start", "end", "duration_seconds", "points", "raining")

# A cell starting with one of these is a formula to a spreadsheet; names come from the public
# kiosk, so an exported "=HYPERLINK(...)" must stay text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str | None) -> str | None:
    if text and text.startswith(FORMULA_START):
        return "'" + text
    return text


def format_duration(delta: timedelta | None) -> str:
    """4:12, 4:12.35 or 1:04:12: what staff write in a sheet, and what the import reads back."""
    if delta is None:
        return ""
    millis = round(delta.total_seconds() * 1000)
    sign = "-" if millis < 0 else ""
    seconds, millis = divmod(abs(millis), 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    text = f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
    if millis:
        text += f".{millis:03d}".rstrip("0")
    return sign + text


def parse_duration_cell(value) -> timedelta | None:
    """Seconds (252, 252.5) or [H:]MM:SS (4:12, 0:04:12); spreadsheets may also give a time or duration."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, time):
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
    elif isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        seconds = float(value)
    elif isinstance(value, str):
        parts = value.strip().split(":")
        try:
            numbers = [float(part) for part in parts]
        except ValueError:
            numbers = []
        # Minutes and seconds after the first part stay below 60; a typo like 4:72 is refused.
        if not numbers or len(numbers) > 3 or any(n < 0 or n >= 60 for n in numbers[1:]):
            raise ValueError(_duration_hint(value))
        seconds = 0.0
        for number in numbers:
            seconds = seconds * 60 + number
    else:
        raise ValueError(_duration_hint(value))
    if not math.isfinite(seconds) or seconds <= 0:
        raise ValueError(_duration_hint(value))
    return timedelta(seconds=seconds)


def _duration_hint(value) -> str:
    return f"“{value}” is not a test time: write seconds (252) or [H:]MM:SS (4:12 or 0:04:12)."


class TextWidget(Widget):
    """Trimmed text in, formula-safe text out (and the quote that protects it removed again on import)."""

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if text.startswith("'") and text[1:].startswith(FORMULA_START):
            text = text[1:]
        return text

    def render(self, value, obj=None, **kwargs):
        return spreadsheet_safe("" if value is None else str(value))


class IdentificationWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        # A spreadsheet turns an all-digit ID into a number; 123.0 must read as "123".
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return normalise_identification(super().clean(value, row, **kwargs))


class UniversityWidget(Widget):
    """A university by abbreviation (or full name), case-insensitive; empty cells are handled by the resource."""

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        university = (
            University.objects.filter(abbreviation__iexact=text).first()
            or University.objects.filter(name__iexact=text).first()
        )
        if university is None:
            known = ", ".join(University.objects.values_list("abbreviation", flat=True)[:10])
            raise ValueError(f"Unknown university “{text}” (known: {known}). Add it under Universities first.")
        return university

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else spreadsheet_safe(value.abbreviation)


class GroupWidget(Widget):
    """An existing group by name, ignoring case and accents as group names are unique.

    An import never creates a group: a typo would split a team in two.
    """

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        group = Group.objects.alias(folded=Fold("name")).filter(folded=Fold(Value(text))).first()
        if group is None:
            raise ValueError(
                f"Unknown group “{text}”. An import creates no groups: add it under Groups first, "
                "fix the spelling, or leave the cell empty."
            )
        return group

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else spreadsheet_safe(value.name)


class YesNoWidget(Widget):
    TRUE = {"1", "true", "yes", "y", "x"}
    FALSE = {"0", "false", "no", "n"}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = "" if value is None else str(value).strip().lower()
        if not text:
            return None
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(f"“{value}” is not yes or no: write 1/0, yes/no or true/false (empty: no).")

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return "1" if value else "0"


class TestTimeWidget(Widget):
    def clean(self, value, row=None, **kwargs):
        return parse_duration_cell(value)

    def render(self, value, obj=None, **kwargs):
        return format_duration(value)


class RunnerResource(resources.ModelResource):
    """Pre-registration sheets: one runner per row, matched on the student ID.

    A known student ID updates that runner. An empty cell keeps the current value; a new runner
    gets the defaults (KU Leuven, no group, not first year, no test time).
    """

    first_name = Field("first_name", "first_name", widget=TextWidget())
    last_name = Field("last_name", "last_name", widget=TextWidget())
    identification = Field("identification", "identification", widget=IdentificationWidget())
    university = Field("university", "university", widget=UniversityWidget(), saves_null_values=False)
    group = Field("group", "group", widget=GroupWidget(), saves_null_values=False)
    first_year = Field("first_year", "first_year", widget=YesNoWidget(), saves_null_values=False)
    test_time = Field("test_time", "test_time", widget=TestTimeWidget(), saves_null_values=False)

    class Meta:
        model = Runner
        fields = RUNNER_COLUMNS
        export_order = RUNNER_COLUMNS
        import_id_fields = ("identification",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self) -> QuerySet[Runner]:
        return Runner.objects.select_related("university", "group")

    def before_import(self, dataset, **kwargs):
        self._first_line: dict[str, int] = {}
        # Spreadsheets add stray spaces and capitals to headers; a wrong header must not silently
        # drop a column.
        headers = [str(h or "").strip().lower() for h in dataset.headers or []]
        dataset.headers = headers
        missing = [c for c in REQUIRED_COLUMNS if c not in headers]
        unknown = [h for h in headers if h not in RUNNER_COLUMNS]
        problems = []
        if missing:
            problems.append(f"missing column(s): {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown column(s): {', '.join(h or '(empty)' for h in unknown)}")
        if problems:
            raise ValueError(
                f"The header line is wrong ({'; '.join(problems)}). Expected columns: {', '.join(RUNNER_COLUMNS)}."
            )

    def after_init_instance(self, instance, new, row, **kwargs):
        if new and instance.university_id is None:
            instance.university = University.objects.filter(abbreviation=DEFAULT_UNIVERSITY).first()

    def import_instance(self, instance, row, **kwargs):
        errors: dict = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        line = kwargs.get("row_number", 0) + 1
        identification = instance.identification
        if "identification" not in errors:
            if not identification:
                errors["identification"] = ["The student ID is empty."]
            elif self._first_line.setdefault(identification, line) != line:
                first = self._first_line[identification]
                errors["identification"] = [f"Student ID {identification} is also on line {first} of this file."]
            elif "university" not in errors and instance.university_id is not None:
                problem = instance.university.identification_error(identification)
                if problem:
                    errors["identification"] = [problem]
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        """The confirmed import writes through the runner services: audited and announced like any edit.

        The preview writes as the library does (its transaction is rolled back), so that it takes no
        event number while the control table is pressing next lap.
        """
        if kwargs.get("dry_run"):
            return super().save_instance(instance, is_create, row, **kwargs)
        by = kwargs.get("user")
        values = {name: getattr(instance, name) for name in RUNNER_COLUMNS}
        if is_create:
            instance.pk = runner_create(by=by, **values).pk
            instance._state.adding = False
            return
        current = Runner.objects.get(pk=instance.pk)
        changed = {name: value for name, value in values.items() if getattr(current, name) != value}
        if changed:
            runner_update(by=by, runner=current, **changed)


def import_report(result) -> dict | None:
    """What is wrong with an uploaded file, by line (the header is line 1, as in a spreadsheet)."""
    if not (result.has_errors() or result.has_validation_errors()):
        return None
    file_errors = [str(error.error) for error in result.base_errors]
    if file_errors:  # a wrong header makes every row wrong: name the cause, not its echoes
        return {"file_errors": file_errors, "rows": []}
    rows: dict[int, list[str]] = {}
    for invalid in result.invalid_rows:
        reasons = rows.setdefault(invalid.number + 1, [])
        for field, messages in invalid.error_dict.items():
            for message in messages:
                reasons.append(message if field == NON_FIELD_ERRORS else f"{field}: {message}")
    for error_row in result.error_rows:
        rows.setdefault(error_row.number + 1, []).extend(str(e.error) for e in error_row.errors)
    return {
        "file_errors": file_errors,
        "rows": [{"line": line, "reasons": reasons} for line, reasons in sorted(rows.items())],
    }


class LapResource(resources.ModelResource):
    """Laps for after the event: who ran, when, how long, and the points it earned."""

    runner_name = Field(column_name="runner_name")
    identification = Field(column_name="identification")
    group = Field(column_name="group")
    start = Field("start", "start", widget=DateTimeWidget())
    end = Field("end", "end", widget=DateTimeWidget())
    duration_seconds = Field(column_name="duration_seconds")
    points = Field(column_name="points")
    raining = Field("raining", "raining", widget=BooleanWidget())

    class Meta:
        model = Lap
        fields = LAP_COLUMNS
        export_order = LAP_COLUMNS

    def get_queryset(self) -> QuerySet[Lap]:
        # The admin passes its own (already annotated) queryset; this serves other callers.
        return with_points(Lap.objects.select_related("runner__group"))

    def dehydrate_runner_name(self, lap: Lap) -> str | None:
        return spreadsheet_safe(str(lap.runner)) if lap.runner else None

    def dehydrate_identification(self, lap: Lap) -> str | None:
        return spreadsheet_safe(lap.runner.identification) if lap.runner else None

    def dehydrate_group(self, lap: Lap) -> str | None:
        group = lap.runner.group if lap.runner else None
        return spreadsheet_safe(group.name) if group else None

    def dehydrate_duration_seconds(self, lap: Lap) -> float | None:
        return round(lap.duration.total_seconds(), 3) if lap.end else None

    def dehydrate_points(self, lap: Lap) -> int | None:
        return getattr(lap, "points_value", None) if lap.end else None

"""Pay forms: rates, time entries, payment choices, time checks, expenses, decisions, paid.

Amounts are typed in pounds and read into whole pence by ``panels.pay.money``; each
field's ``pence``/``miles`` attribute holds the value read once the form validates.
"""

from __future__ import annotations

from datetime import date, timedelta

from babel.numbers import list_currencies
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    RadioField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import StopValidation

from panels.common.forms import (
    PlainDate,
    PlainTime,
    max_length,
    no_markup,
    required,
    strip,
    text_checks,
)
from panels.lib import limits
from panels.pay import money

PER_CHOICES = [("hour", "an hour"), ("session", "a session")]
KIND_CHOICES = [(k.value, money.TIME_KIND_WORDS[k]) for k in money.TimeKind]
EXPENSE_CHOICES = [(k.value, money.EXPENSE_WORDS[k]) for k in money.ExpenseKind]
CHOICE_CHOICES = [(c.value, money.CHOICE_WORDS[c]) for c in money.Choice]
FAR = timedelta(days=366 * 2)  # a date more than 2 years from the job is a slip


def needed(what: str):
    """Like DataRequired, but keeps the plain-words reading error (a date that is not one)."""

    def check(_form, field) -> None:
        if field.errors:
            raise StopValidation()
        if not field.raw_data or not str(field.raw_data[0]).strip():
            raise StopValidation(f"Enter {what}")

    return check


def _as_field_error(read, *args, **kwargs):
    """What ``read(*args, **kwargs)`` gives; its ``PayError`` becomes the field's error."""
    try:
        return read(*args, **kwargs)
    except money.PayError as error:
        raise ValidationError(str(error)) from None


def pounds(most: int, what: str):
    def check(_form, field) -> None:
        field.pence = _as_field_error(money.parse_pounds, field.data or "", most=most, what=what)

    return check


def one_of(choices, words: str):
    allowed = {value for value, _ in choices}

    def check(_form, field) -> None:
        if field.data not in allowed:
            raise ValidationError(words)

    return check


def near_the_job(_form, field) -> None:
    job_day = getattr(_form, "job_day", None)
    if field.data and job_day and abs(field.data - job_day) > FAR:
        raise ValidationError("That date is more than 2 years from the interview day.")


class _NearTheJob(FlaskForm):
    """A form whose date (the field named ``near``) must be within 2 years of the
    interview day: checked after that field's own validators. The view gives the day,
    ``SomeForm(job_day=job.interview_date)``; without one, any date will do."""

    near = "day"

    def __init__(self, *args, job_day: date | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.job_day = job_day

    def validate(self, extra_validators=None) -> bool:
        extra = dict(extra_validators or {})
        extra[self.near] = [*extra.get(self.near, []), near_the_job]
        return super().validate(extra)


def _text(label: str, what: str, n: int = limits.PAY_TEXT, needed: bool = False):
    checks = [max_length(n, label), no_markup]
    return TextAreaField(
        label, validators=[required(what), *checks] if needed else checks, filters=[strip]
    )


def _read(form, name: str) -> int:
    """The pence a validated amount field read (see ``pounds``)."""
    pence: int = vars(form[name])["pence"]
    return pence


def _paid_per(label: str) -> RadioField:
    """How one rate is paid: an hour or a session."""
    return RadioField(
        label,
        choices=PER_CHOICES,
        default="hour",
        validate_choice=False,
        validators=[one_of(PER_CHOICES, "Choose an hour or a session")],
    )


class RatesForm(FlaskForm):
    """A job's rates, or the organisation's defaults (``currency`` only there)."""

    preparation = StringField(
        "Preparation (pounds)", validators=[pounds(money.RATE_MAX_PENCE, "The preparation rate")]
    )
    preparation_per = _paid_per("Preparation is paid")
    interview_day = StringField(
        "The interview day (pounds)",
        validators=[pounds(money.RATE_MAX_PENCE, "The interview day rate")],
    )
    interview_day_per = _paid_per("The interview day is paid")
    training = StringField(
        "Training (pounds)", validators=[pounds(money.RATE_MAX_PENCE, "The training rate")]
    )
    training_per = _paid_per("Training is paid")
    travel_paid = BooleanField("We pay for travel time")
    travel = StringField(
        "Travel time (pounds)", validators=[pounds(money.RATE_MAX_PENCE, "The travel time rate")]
    )
    travel_per = _paid_per("Travel time is paid")
    mileage = StringField(
        "Mileage: pounds a mile",
        description="For example 0.45",
        validators=[pounds(money.MILEAGE_RATE_MAX_PENCE, "The mileage rate")],
    )

    def values(self) -> dict:
        out: dict = {"travel_paid": bool(self.travel_paid.data)}
        for kind in money.TimeKind:
            out[f"{kind.value}_pence"] = _read(self, kind.value)
            out[f"{kind.value}_per"] = getattr(self, f"{kind.value}_per").data
        out["mileage_pence"] = _read(self, "mileage")
        return out


class OrgRatesForm(RatesForm):
    currency = StringField(
        "Currency",
        description="A 3-letter code. GBP is pounds sterling.",
        validators=[required("the currency")],
        filters=[strip, lambda v: v.upper() if isinstance(v, str) else v],
    )

    def validate_currency(self, field) -> None:
        code = field.data or ""
        if len(code) != 3 or not code.isalpha() or not code.isascii():
            raise ValidationError("The currency must be a 3-letter code, like GBP")
        if code not in list_currencies():
            raise ValidationError("We do not know that currency. Use a code like GBP")


class TimeEntryForm(_NearTheJob):
    kind = RadioField(
        "What was it?",
        choices=KIND_CHOICES,
        default="preparation",
        validate_choice=False,
        validators=[one_of(KIND_CHOICES, "Choose what the time was for")],
    )
    day = PlainDate("Date", validators=[needed("the date")], format="%Y-%m-%d")
    start = PlainTime("Start time", validators=[needed("the start time")])
    end = PlainTime("End time", validators=[needed("the end time")])
    what = _text("What we did", "what you did")

    def validate_end(self, field) -> None:
        if self.start.data and field.data:
            self.minutes = _as_field_error(money.minutes_between, self.start.data, field.data)


class ChoiceForm(FlaskForm):
    choice = RadioField(
        "How would you like to be paid?",
        choices=CHOICE_CHOICES,
        validate_choice=False,
        validators=[one_of(CHOICE_CHOICES, "Choose how you would like to be paid")],
    )
    lower = StringField(
        "How much would you like? (pounds)", description="Only if you chose a lower amount."
    )
    charity = StringField(
        "The name of the charity",
        description="Only if you chose a charity.",
        validators=[max_length(limits.CHARITY, "The charity's name"), no_markup],
        filters=[strip],
    )

    def validate_lower(self, field) -> None:
        self.lower_pence = None
        if self.choice.data == money.Choice.LOWER:
            self.lower_pence = _as_field_error(
                money.parse_pounds,
                field.data or "",
                most=money.LOWER_MAX_PENCE,
                what="The lower amount",
            )

    def validate_charity(self, field) -> None:
        if self.choice.data == money.Choice.CHARITY and not field.data:
            raise ValidationError("Write the name of the charity")


class TimeCheckForm(FlaskForm):
    answer = RadioField(
        "Is this right?",
        choices=[("confirmed", "Yes, this is right."), ("wrong", "No, something is wrong.")],
        validate_choice=False,
        validators=[one_of([("confirmed", ""), ("wrong", "")], "Choose yes or no")],
    )
    note = _text("What is wrong?", "what is wrong")

    def validate_note(self, field) -> None:
        if self.answer.data == "wrong" and not field.data:
            raise ValidationError("Tell us what is wrong")


class ExpenseForm(_NearTheJob):
    kind = RadioField(
        "What did you pay for?",
        choices=EXPENSE_CHOICES,
        default="fare",
        validate_choice=False,
        validators=[one_of(EXPENSE_CHOICES, "Choose what you paid for")],
    )
    day = PlainDate("Date", validators=[needed("the date")], format="%Y-%m-%d")
    amount = StringField(
        "How much did it cost? (pounds)",
        description="Not for driving: for driving, write the miles.",
    )
    miles = StringField("How many miles did you drive?", description="Only for driving.")
    description = _text("About it", "what it was for")
    receipt = FileField("A photo of the receipt")
    no_receipt = BooleanField("I do not have a receipt")
    no_receipt_reason = _text("Why is there no receipt?", "why there is no receipt")

    def validate_amount(self, field) -> None:
        self.pence = None
        if self.kind.data != money.ExpenseKind.MILEAGE:
            self.pence = _as_field_error(
                money.parse_pounds, field.data or "", most=money.EXPENSE_MAX_PENCE, what="The cost"
            )

    def validate_miles(self, field) -> None:
        self.miles_value = None
        if self.kind.data == money.ExpenseKind.MILEAGE:
            self.miles_value = _as_field_error(money.parse_miles, field.data or "")

    def validate_no_receipt_reason(self, field) -> None:
        if self.no_receipt.data and not field.data:
            raise ValidationError("Say why there is no receipt")


class DecisionForm(FlaskForm):
    decision = RadioField(
        "Decision",
        choices=[("approved", "Approve"), ("refused", "Refuse")],
        validate_choice=False,
        validators=[one_of([("approved", ""), ("refused", "")], "Choose approve or refuse")],
    )
    reason = _text("Reason", "the reason")

    def validate_reason(self, field) -> None:
        if self.decision.data == "refused" and not field.data:
            raise ValidationError("Say why you refuse it, so the panel member knows")


class PaidForm(_NearTheJob):
    near = "paid_on"

    paid_on = PlainDate(
        "Paid on",
        validators=[needed("the date it was paid")],
        format="%Y-%m-%d",
        default=date.today,
    )
    how = StringField(
        "How it was paid",
        description="For example: bank transfer, vouchers",
        **text_checks(limits.PAID_HOW, "How it was paid", "how it was paid", no_markup),
    )


class RangeForm(FlaskForm):
    """The finance export for a date range (GET, so no CSRF)."""

    class Meta:
        csrf = False

    start = PlainDate("From", validators=[needed("the first date")], format="%Y-%m-%d")
    end = PlainDate("To", validators=[needed("the last date")], format="%Y-%m-%d")

    def validate_end(self, field) -> None:
        if self.start.data and field.data and field.data < self.start.data:
            raise ValidationError("The last date must be on or after the first date")
        if self.start.data and field.data and field.data - self.start.data > FAR:
            raise ValidationError("Choose at most 2 years at a time")

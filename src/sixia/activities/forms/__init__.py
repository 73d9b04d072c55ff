"""Django forms of the activity pages: they parse and check shapes only (a number, a date, a choice); the rules
stay in ``activities.services`` and come back as ``DomainError`` on their field."""

from sixia.activities.forms.activities import (
    CarriedCaseForm,
    HouseholdRows,
    ProblemRows,
    activity_form,
)
from sixia.activities.forms.appointments import BookingForm, PublicCancelForm, ReceiveForm, StaffCancelForm
from sixia.activities.forms.research import ExchangeForm, MeasureForm, ProgressForm, ReportForm, TopicForm
from sixia.activities.forms.schedules import PlanForm, ScheduleForm, rota_officials

__all__ = ["BookingForm", "CarriedCaseForm", "ExchangeForm", "HouseholdRows", "MeasureForm", "PlanForm",
           "ProblemRows", "ProgressForm", "PublicCancelForm", "ReceiveForm", "ReportForm", "ScheduleForm",
           "StaffCancelForm", "TopicForm", "activity_form", "rota_officials"]

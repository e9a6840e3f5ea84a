"""ambassador-trainer: onboarding for employee-advocacy ambassadors."""

__version__ = "0.1.0"

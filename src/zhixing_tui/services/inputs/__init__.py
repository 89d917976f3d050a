"""Reading what a person hands the desk (JSON facts, holiday schedules) without trusting it."""

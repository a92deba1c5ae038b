"""Day plan: settings, candidate order, the timetable, running late."""

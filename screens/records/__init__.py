"""The records: setup (attendance, roles, agenda), the minute taker's notes, the minutes' preview and export."""

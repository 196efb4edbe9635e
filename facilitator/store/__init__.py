"""The meeting on disk: safe files and their locks, the journal, the meeting file, the index of
meetings, backups and recovery, kept minutes, shared folders, role rotation across meetings.

Reads and writes through the meeting rules (facilitator.meeting) to check what it stores, never
the other way round.
"""

"""The reliability table: each fault, the tests that attack it, and how they came out.

    python -m tests.reliability.table RESULTS.xml [FIGURES.jsonl]

RESULTS.xml is pytest's --junitxml report; FIGURES.jsonl the figures the kill and race tests
keep when FACILITATOR_RELIABILITY_FIGURES names a file. `make reliability` runs the long
versions and prints this table (docs/reliability.md holds a copy with the figures of a run).
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

# (area, fault, [(test file, test name prefix), ...])
ROWS: list[tuple[str, str, list[tuple[str, str]]]] = [
    # ---- storage faults
    (
        "storage",
        "disk full (file-size limit) as an action is written: exit 1 'not saved: ACTION', file named, "
        "record intact, no torn line",
        [("test_storage_faults", "test_a_full_disk_refuses_the_action")],
    ),
    (
        "storage",
        "disk full at the checkpoint on close: action kept in the journal, warning, TinyDB file untouched",
        [("test_storage_faults", "test_a_disk_that_fills_at_the_checkpoint")],
    ),
    (
        "storage",
        "a real filesystem full (tmpfs): act, new (no orphan), status still reads; the operator screen "
        "says what was not saved and keeps the form",
        [
            ("test_storage_faults", "test_a_really_full_filesystem"),
            ("test_storage_faults_tui", "test_a_full_disk_under_the_operator_screen"),
        ],
    ),
    (
        "storage",
        "read-only folder: the action goes to the journal, the checkpoint's failure is a warning naming the folder",
        [("test_storage_faults", "test_a_read_only_folder")],
    ),
    (
        "storage",
        "read-only filesystem: exit 1 'not saved', status and minutes still read",
        [("test_storage_faults", "test_a_read_only_filesystem")],
    ),
    (
        "storage",
        "permission denied (journal, another owner's meeting, a data folder not ours): one line naming the file",
        [
            ("test_storage_faults", "test_a_journal_the_user_may_not_write"),
            ("test_storage_faults", "test_a_meeting_owned_by_someone_else"),
            ("test_storage_faults", "test_a_data_folder_the_user_cannot_enter"),
        ],
    ),
    (
        "storage",
        "folder deleted under a running session / the operator screen: 'not saved', the app keeps showing the meeting",
        [
            ("test_storage_faults", "test_the_folder_deleted_under_a_running_session"),
            ("test_storage_faults_tui", "test_the_folder_deleted_under_the_operator_screen"),
        ],
    ),
    (
        "storage",
        "meeting file or journal replaced by a symlink under a running session / the operator screen",
        [
            ("test_storage_faults", "test_the_meeting_file_swapped_for_a_link"),
            ("test_storage_faults_tui", "test_the_journal_swapped_for_a_link"),
            ("test_journal", "test_the_journal_is_private_and_never_followed"),
        ],
    ),
    (
        "storage",
        "fsync fails (I/O error): the unacknowledged line is cut off again",
        [("test_storage_faults", "test_an_fsync_that_fails")],
    ),
    # ---- damaged files
    (
        "damaged",
        "meeting file cut off, empty, not JSON, not a TinyDB database, nested too deep",
        [("test_files", "test_a_half_written_file"), ("test_files", "test_a_file_that_is_not_a_tinydb_database")],
    ),
    ("damaged", "valid JSON, wrong shape or bad types (17 kinds)", [("test_files", "test_a_file_of_the_wrong_shape")]),
    (
        "damaged",
        "schema newer than the app / a schema no Facilitator wrote",
        [
            ("test_files", "test_a_file_from_a_newer_facilitator"),
            ("test_backups", "test_a_schema_no_facilitator_wrote"),
        ],
    ),
    (
        "damaged",
        "journal: not JSON, not a list, bad types, unknown type or kind, a gap, a torn or duplicated "
        "line (refused everywhere, untouched, even by a checkpoint)",
        [
            ("test_damaged_journal", "test_a_damaged_journal"),
            ("test_journal", "test_a_damaged_line_inside_the_journal"),
            ("test_journal", "test_a_gap_in_the_journal"),
            ("test_journal", "test_a_torn_last_line"),
            ("test_journal", "test_lines_already_checkpointed"),
        ],
    ),
    (
        "damaged",
        "a file holding control characters (another member of a shared box writing escape sequences into names)",
        [("test_security", "test_a_file_holding_control_characters")],
    ),
    (
        "recovery",
        "a backup on every clean close, the last 5 kept, private (or the group's in a shared folder), "
        "never of a damaged file",
        [
            ("test_backups", "test_a_clean_close_backs"),
            ("test_backups", "test_a_close_that_changed_nothing"),
            ("test_backups", "test_only_the_last_few"),
            ("test_backups", "test_in_a_shared_folder"),
            ("test_backups", "test_a_damaged_file_is_never"),
            ("test_backups", "test_a_backup_folder_that_is_a_link"),
        ],
    ),
    ("recovery", "a backup before a migration, kept for good", [("test_backups", "test_a_migration_backs")]),
    (
        "recovery",
        "the refusal names 'facilitator recover MEETING' when a backup exists",
        [("test_backups", "test_the_refusal_of_a_damaged_file"), ("test_backups", "test_without_a_backup_the_refusal")],
    ),
    (
        "recovery",
        "facilitator recover: damaged file set aside (never deleted), newest good backup restored, "
        "journal's later actions kept",
        [("test_backups", "test_recover_")],
    ),
    # ---- hostile input
    (
        "hostile",
        "hypothesis over every `act` action (38), --as and --at, 1 to 3 actions an example (1,500 examples "
        "long, 120 quick): no traceback, one-line refusals, no control character printed or stored",
        [("test_hostile_cli", "test_no_hostile_action_breaks")],
    ),
    (
        "hostile",
        "absurd lengths refused naming the limit (every text of every action)",
        [("test_hostile_cli", "test_absurd_lengths")],
    ),
    (
        "hostile",
        "Markdown, HTML, pipes, emoji, RTL kept verbatim in the record, escaped in the minutes",
        [
            ("test_hostile_cli", "test_markdown_html_pipes"),
            ("test_minutes", "test_escaped_text_reads_back"),
            ("test_minutes", "test_minutes_of_any_meeting_parse"),
        ],
    ),
    (
        "hostile",
        "escape sequences and control characters refused",
        [("test_act", "test_escape_sequences_and_control_characters")],
    ),
    (
        "hostile",
        "markup-looking text shown literally: operator, proposal, check, final test, notes, setup (3 "
        "tabs), minutes, projector, home",
        [("test_hostile_tui", "test_markup_looking_text")],
    ),
    (
        "hostile",
        "every input field of every form (17 forms from the operator screen, home's new meeting) takes "
        "hostile text (17 values each long, one each quick); the app runs on",
        [("test_hostile_tui", "test_every_input_field"), ("test_hostile_tui", "test_the_new_meeting_form_on_home")],
    ),
    # ---- security
    (
        "security",
        "every file 0600, every folder 0700 whatever the umask (meeting, journal, locks, index, backups)",
        [
            ("test_security", "test_every_file_is_0600"),
            ("test_security", "test_backups_of_a_meeting_stay_private"),
            ("test_files", "test_folders_are_0700"),
        ],
    ),
    (
        "security",
        "shared folder: 2770 setgid, files 0660, an outsider refused naming the group",
        [
            ("test_shared_cli", "test_init_shared_makes"),
            ("test_shared_cli", "test_an_outsider_is_refused"),
            ("test_shared_cli", "test_members_share"),
        ],
    ),
    (
        "security",
        "no link followed to read or write (meeting, journal, lock, index, index lock, sessions folder, backups)",
        [("test_security", "test_no_link_is_followed"), ("test_files", "test_a_symlinked")],
    ),
    (
        "security",
        "minutes -o never follows a link nor replaces a file without --force",
        [("test_security", "test_minutes_output_never_follows")],
    ),
    (
        "security",
        "serve: loopback by default, a warning elsewhere, no key from the page changes the meeting",
        [
            ("test_shared_cli", "test_serve_answers_on_loopback"),
            ("test_shared_cli", "test_serve_elsewhere_warns"),
            ("test_shared_cli", "test_no_key_sent_from_the_served_page"),
        ],
    ),
    (
        "security",
        "a participant (act --as) acts for nobody else, recorded with the OS user",
        [("test_security", "test_a_participant_"), ("test_shared_cli", "test_act_as_a_participant")],
    ),
    # ---- kills and the race
    (
        "kills",
        "SIGKILL of `facilitator act` at random moments: acknowledged actions kept, the meeting opens, "
        "no temp file after the next act, countdown exact",
        [("test_kills_and_race", "test_kills_through_the_cli")],
    ),
    (
        "kills",
        "SIGKILL of the app under tmux at random moments (keys, opening, closing): what the pane showed "
        "and a reader read is kept; 'spoken' matches",
        [("test_kills_and_race", "test_kills_of_the_app_under_tmux")],
    ),
    (
        "kills",
        "killed at each point of a save (half-written temp, before fsync, before/after rename, half a "
        "journal line, line before fsync)",
        [("test_processes", "test_a_writer_killed_inside")],
    ),
    (
        "race",
        "four writers at full speed (checkpointing as they go) and two readers: nothing lost or twice, "
        "one meeting everywhere",
        [
            ("test_kills_and_race", "test_four_writers_and_two_readers"),
            ("test_four_writers", "test_four_writers_lose_nothing"),
        ],
    ),
]


def results(xml: Path) -> dict[tuple[str, str], str]:
    """(file stem, test name) -> passed | failed | skipped."""
    found: dict[tuple[str, str], str] = {}
    for case in ET.parse(xml).getroot().iter("testcase"):
        stem = case.get("classname", "").rsplit(".", 1)[-1]
        outcome = "passed"
        if case.find("failure") is not None or case.find("error") is not None:
            outcome = "failed"
        elif case.find("skipped") is not None:
            outcome = "skipped"
        found[(stem, case.get("name", ""))] = outcome
    return found


def figures_of(path: Path | None) -> dict[str, dict[str, Any]]:
    if path is None or not path.exists():
        return {}
    kept = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        kept[row["test"]] = row
    return kept


def said(figures: dict[str, Any]) -> str:
    if "mode" not in figures:
        return (
            f"{figures['seconds']:.0f} s: {figures['actions']} actions ({figures['acknowledged']} acknowledged, "
            f"{figures['refused']} refused as meant), {figures['events']} events, {figures['checkpoints']} "
            f"checkpoints, {figures['reader_refreshes']} reader refreshes; {len(figures['problems'])} problems"
        )
    if figures["mode"] == "cli":
        return (
            f"{figures['kills']} kills in {figures['actions']} actions ({figures['killed_before_write']} before "
            f"the write, {figures['killed_after_write_before_ack']} between write and ack, "
            f"{figures['killed_after_ack']} after the ack, in the close; {figures['temp_left_by_kill']} left a temp "
            f"file); {figures['acknowledged']} acknowledged, all kept; {figures['countdowns_checked']} countdowns "
            f"exact; {len(figures['problems'])} problems"
        )
    return (
        f"{figures['kills']} kills ({figures['killed_while_opening']} as it opened, "
        f"{figures['killed_while_closing']} as it closed after q, the rest after 1 to 6 key actions: "
        f"{figures['actions']} in all); {figures['read_checked']} events read and "
        f"{figures['shown_checked']} recent actions shown before a kill, all kept; {figures['countdowns_checked']} "
        f"countdowns checked; {figures['temp_left_by_kill']} kills left a temp file; "
        f"{len(figures['problems'])} problems"
    )


def table(xml: Path, figures_path: Path | None = None) -> tuple[str, bool]:
    found = results(xml)
    figures = figures_of(figures_path)
    lines = ["| Area | Fault | Tested by | Result |", "|---|---|---|---|"]
    all_passed = True
    for area, fault, tests in ROWS:
        outcomes: list[str] = []
        names = []
        extra = []
        for stem, prefix in tests:
            mine = [o for (s, n), o in found.items() if s == stem and n.startswith(prefix)]
            outcomes += mine
            names.append(f"`{stem}::{prefix}`" + (f" ({len(mine)})" if len(mine) > 1 else ""))
            extra += [said(f) for test, f in figures.items() if test.startswith(prefix)]
        passed, failed, skipped = (outcomes.count(k) for k in ("passed", "failed", "skipped"))
        if failed:
            result = f"**FAILED** ({failed} of {len(outcomes)})"
            all_passed = False
        elif not outcomes:
            result = "not run"
        else:
            result = f"pass ({passed})" + (f", {skipped} skipped" if skipped else "")
        if extra:
            result += ": " + "; ".join(extra)
        lines.append(f"| {area} | {fault} | {'<br>'.join(names)} | {result} |")
    return "\n".join(lines), all_passed


def main() -> None:
    xml = Path(sys.argv[1])
    figures = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    text, ok = table(xml, figures)
    print(text)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

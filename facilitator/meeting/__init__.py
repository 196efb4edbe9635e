"""The assembly's rules, pure: no disk, no UI, no click, no clock of their own.

events (what is stored, and who acted), state (the meeting as it stands, folded from its events,
with the registry of fold handlers), settings, stack, turns and agenda (fold_rules, commands),
proposals, amendments and checks (proposals, proposal_fold, proposal_commands, decision_rules,
wording), roles, notes and action items (records, record_fold, record_commands), and the checks
on what people type (text, names, when). status says where a meeting stands.

Each rule module registers its fold handlers (`state.handles`) and its commands
(`commands.command`) where it defines them; the registries live in state and commands, which
import no rule module. The fold's rule modules are loaded here, once, so that whatever part of
the meeting is imported, every fold knows every event. The commands are loaded by
facilitator.meeting.act, on the first action.
"""

from facilitator.meeting import fold_rules, proposal_fold, record_fold

FOLD_RULES = (fold_rules, proposal_fold, record_fold)

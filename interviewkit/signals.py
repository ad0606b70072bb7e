"""What the kit app tells the apps built on it, which it never imports (see pyproject.toml's
import contracts): they connect their receivers in their AppConfig.ready()."""

from django.dispatch import Signal

# Sent by `interviewkit.editor.editing.kit_edit` when an edit of a version that scorecards use
# made a new version, with `old` and `new` (KitVersion): what was planned on the old version
# may follow it.
kit_version_replaced = Signal()

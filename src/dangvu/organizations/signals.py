"""What the tree tells the floors above it when it changes.

`moved_to_another_root`: organizations.services.org_move moved a subtree under another root (a
unit passed from one province to another). Sent inside the move's transaction with `units`, the
ids of the moved subtree, and `root_id`, the root they are in now: members keep their unit's root
(Member.root) for search, and this floor does not know members.

`positions_changed`: the places of `units` in the tree changed from the day `on` (org_move: from
under `old_prefix` to under `new_prefix`), inside the change's transaction: the per-unit year
tallies key their rows by the unit's place."""

from django.dispatch import Signal

moved_to_another_root = Signal()
positions_changed = Signal()

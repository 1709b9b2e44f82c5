"""Steps of the demo data set, run in the order of their module names (s10_…, s20_…, …).

Each module defines `build(ctx: DemoContext) -> None` and adds one part of Hoàng Mai 2016
through the same services users call. A later issue adds a module; nothing else changes.
"""

"""The workshop app (Solara): one community live, reform levers as switches, a fair race
against baseline on the same seed. Start it with `python3 tasks.py app`."""

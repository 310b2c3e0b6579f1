"""Golden memos of the home scenarios, and the script that rewrites them (regen.py)."""

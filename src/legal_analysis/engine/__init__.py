"""The reasoning engine: three-valued, defeasible evaluation with branches and derivations."""

"""The rule language: schema of rule files, fact paths, conditions, and loading."""

"""``legal-analysis new``: a guided interview that writes a scenario file.

The questions (:mod:`.questions`) follow the order in which the decisive facts come: the states,
the conflict, the forces sent (who commands them first: it decides party status and
attribution), the captured persons and the destinations. Their answers are typed at the terminal
(:mod:`.prompting`) or read from an answers file (:mod:`.answers_file`), turned into a scenario
(:mod:`.build`) and written as commented YAML that ``legal-analysis validate`` accepts
(:mod:`.writing`). :mod:`.blank` writes the same scenario as a template to fill by hand.
"""

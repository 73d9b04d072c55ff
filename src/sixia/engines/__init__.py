"""Pure domain engines (引擎): deadlines, workflow, rates, insight.

Nothing in here imports Django; apps adapt their models to these functions and data classes.
"""

"""`bench`: measured figures for a commune of N people, each beside the bare library doing the same work.

run.py puts the parts together; each part (search, window, cycle, models, paper, exchange, province)
measures one area and uses only measure.py (figures, timing) and scratch.py (copies to write on).
"""

"""Fitting rule weights and bonuses to labelled messages or campaign outcomes.

Used by ``make weights`` (``python -m coach.fit``) and ``coach learn``; never imported by a
plain ``coach check`` (numpy is only needed here).
"""

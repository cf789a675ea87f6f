"""Runs: what a plot leaves behind, so that a later plot of the same name can compare.

`session` keeps the previous runs of each name in this kernel (see docs/runs.md).
"""

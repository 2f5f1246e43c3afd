"""The secretariat's rules: plain functions taking a session.

The window and the command line call these and nothing below them.
"""

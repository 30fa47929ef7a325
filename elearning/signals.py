"""Signals other apps may listen to, so that elearning never imports the apps built on it."""

from django.dispatch import Signal

# Sent after the transaction that recorded a module as completed has committed: user=, module=.
# Leadership programmes listen to it to issue a certificate when the last self-study module is done.
module_completed = Signal()

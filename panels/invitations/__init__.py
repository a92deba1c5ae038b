"""Easy-read invitations for candidates: a page, a printout, audio and a calendar file."""

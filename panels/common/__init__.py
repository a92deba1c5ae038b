"""Shared Flask-side pieces: access, audit, forms, errors, PDF, job-page sections."""

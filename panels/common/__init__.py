"""Shared Flask-side pieces: areas, access, audit, forms, errors, security headers, PDF,
job-page sections."""

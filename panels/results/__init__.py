"""HR combines the scores: results, exports, the job file import and the audit trail."""

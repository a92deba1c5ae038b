"""The job-file example in the README is a real, valid job file."""

import re
from pathlib import Path

from panels.results.jobfile import parse_job_file


def test_readme_job_file_example_parses():
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    block = re.search(r"```json\n(.*?)```", readme, re.S).group(1)
    job = parse_job_file(block)
    assert job.job.ref == "SW-2026-014"
    assert [s.value for s in job.scores] == [3, None]

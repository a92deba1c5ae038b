"""`make benchmark`: Panels' speed figures next to a hello-world baseline, in one run.

Every figure is printed, nothing is asserted (machines are noisy). Entry point:
scripts/benchmark.py, which calls bench.run.main().
"""

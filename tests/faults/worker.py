"""Starts the project's Celery worker (`python tests/faults/worker.py worker ...`).

With FAULTS_SLOW_RECOMPUTE=<seconds>, each year a recompute writes is followed by a pause and a
line "<pid> <year> <rows written>" in FAULTS_PROGRESS_FILE: a test can then kill the worker in the
middle of a recompute, after some years were committed and before the others. Only this test
launcher does that; the project code is unchanged.
"""
import os
import sys
import time

import django

django.setup()

if os.environ.get("FAULTS_SLOW_RECOMPUTE"):
    from indicators import services

    pause = float(os.environ["FAULTS_SLOW_RECOMPUTE"])
    progress = os.environ["FAULTS_PROGRESS_FILE"]
    recompute_year = services.recompute_year

    def slow_recompute_year(year, *args, **kwargs):
        written = recompute_year(year, *args, **kwargs)  # committed when this returns
        with open(progress, "a") as log:
            log.write(f"{os.getpid()} {year} {written}\n")
        time.sleep(pause)
        return written

    services.recompute_year = slow_recompute_year

from ali_party.celery import app  # noqa: E402

app.worker_main(sys.argv[1:])

"""`make start` run by a test: a real instance in its own process group,
on a free port, stopped at the end (tests/instance/)."""

from pathlib import Path
from tests.support.child_make import child_environ

import os
import pytest
import requests
import signal
import socket
import subprocess
import time


ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT = 240


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Instance:
    """`make start` in its own process group, its output kept in a file."""

    def __init__(self, log_path, make_args=(), env=None):
        self.log_path = log_path
        clean_env = child_environ("PORT", "HOST")
        clean_env.update(env or {})
        with open(log_path, "wb") as log:
            self.process = subprocess.Popen(
                ["make", "--no-print-directory", "start", *make_args],
                cwd=ROOT,
                env=clean_env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    @property
    def log(self):
        return self.log_path.read_text(errors="replace")

    def wait_until_serving(self, url):
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(
                    f"make start exited with {self.process.returncode}:\n{self.log}"
                )
            try:
                if requests.get(url, timeout=5).status_code == 200:
                    return
            except (requests.ConnectionError, requests.Timeout):
                # Not listening yet, or the first page still rendering on
                # a busy machine.
                pass
            time.sleep(1)
        self.stop()
        pytest.fail(f"{url} not served within {READY_TIMEOUT}s:\n{self.log}")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

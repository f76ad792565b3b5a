"""A real local Dask cluster for the tests: ``dask scheduler`` and ``dask worker`` as subprocesses.

    with local_cluster(workers=2) as cluster:
        graphbuild build ... --dask cluster.address
        cluster.kill_worker_process(0)   # the nanny starts a new one, as on a real cluster
        cluster.stop_scheduler()

The scheduler listens on a free loopback port (``--port 0``; the address comes
from its scheduler file); each worker is one process with one thread
(``--nworkers 1 --nthreads 1``) under Dask's nanny.  Everything started here
is stopped on exit, by process id.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil

DASK = Path(sys.executable).parent / "dask"


class ClusterStartError(RuntimeError):
    pass


@dataclass
class LocalCluster:
    folder: Path
    scheduler: subprocess.Popen
    address: str = ""
    workers: list[subprocess.Popen] = field(default_factory=list)

    def add_worker(self) -> subprocess.Popen:
        with open(self.folder / f"worker{len(self.workers)}.log", "wb") as log:
            worker = subprocess.Popen(
                [
                    str(DASK),
                    "worker",
                    self.address,
                    "--nworkers",
                    "1",
                    "--nthreads",
                    "1",
                    "--no-dashboard",
                    "--host",
                    "127.0.0.1",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.workers.append(worker)
        return worker

    def wait_for_workers(self, count: int, timeout: float = 90.0) -> None:
        from distributed import Client

        with Client(self.address, timeout=timeout, set_as_default=False) as client:
            client.wait_for_workers(count, timeout=timeout)

    def worker_process(self, index: int, not_pid: int | None = None) -> psutil.Process:
        """The live process doing the work under worker ``index``'s nanny (another than ``not_pid``)."""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            for child in psutil.Process(self.workers[index].pid).children():
                with contextlib.suppress(psutil.Error):  # the nanny also runs multiprocessing's resource tracker
                    if (
                        "spawn_main" in " ".join(child.cmdline())
                        and child.pid != not_pid
                        and child.status() != psutil.STATUS_ZOMBIE
                    ):
                        return child
            time.sleep(0.1)
        raise ClusterStartError(f"worker {index} has no live process under its nanny")

    def kill_worker_process(self, index: int) -> int:
        """SIGKILL the process under worker ``index``'s nanny (the nanny starts another); returns its pid."""
        process = self.worker_process(index)
        process.kill()
        return process.pid

    def stop_scheduler(self) -> None:
        self.scheduler.kill()
        self.scheduler.wait(timeout=10)

    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text(errors="replace")

    def stop(self) -> None:
        for process in [*self.workers, self.scheduler]:
            _stop(process)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        for child in psutil.Process(process.pid).children(recursive=True):
            child.kill()
        process.kill()
        process.wait(timeout=10)


@contextlib.contextmanager
def local_cluster(
    workers: int = 2, timeout: float = 90.0, config: dict[str, str] | None = None
) -> Iterator[LocalCluster]:
    """``config``: Dask settings for the scheduler, as environment variables (``DASK_DISTRIBUTED__...``)."""
    folder = Path(tempfile.mkdtemp(prefix="graphbuild-dask-"))
    scheduler_file = folder / "scheduler.json"
    with open(folder / "scheduler.log", "wb") as log:
        scheduler = subprocess.Popen(
            [
                str(DASK),
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(scheduler_file),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            env={**os.environ, **(config or {})},
        )
    cluster = LocalCluster(folder, scheduler)
    try:
        deadline = time.monotonic() + timeout
        while not cluster.address:
            if scheduler.poll() is not None:
                raise ClusterStartError(f"dask scheduler exited: {cluster.log('scheduler')[-2000:]}")
            if time.monotonic() > deadline:
                raise ClusterStartError("dask scheduler did not write its scheduler file")
            with contextlib.suppress(OSError, ValueError, KeyError):
                cluster.address = json.loads(scheduler_file.read_text())["address"]
            time.sleep(0.1)
        for _ in range(workers):
            cluster.add_worker()
        if workers:
            cluster.wait_for_workers(workers, timeout)
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)

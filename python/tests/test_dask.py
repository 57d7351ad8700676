"""The fixtures cleaned on a Dask cluster (a LocalCluster of 2 worker processes) with the Python
module, as the README's "Many machines" recipe does, give every document the `winnow` command's text.

Run by CTest (python_dask) with PYTHONPATH=build/python (the workers inherit it), WINNOW_CLI and
WINNOW_SOURCE_DIR set. Needs no network: the cluster listens on 127.0.0.1 only.
"""
import json
import os
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

import dask
import dask.bag as db
from dask.distributed import Client, LocalCluster

SOURCE_DIR = Path(os.environ.get("WINNOW_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CLI = os.environ.get("WINNOW_CLI", str(SOURCE_DIR / "build/winnow"))
TIMEOUT = 60  # seconds for the whole computation; the fixtures take a fraction of one


def clean_on_worker(path):
    """What each worker does with one path: the README recipe's JSON line, and the text for the check."""
    import winnow  # imported on the worker

    with open(path, "rb") as file:
        result = winnow.clean(file.read(), source=path)
    return {"json": result.to_json(), "text": result.to_text()}


class DaskTest(unittest.TestCase):
    def test_cluster_gives_the_command_line_text(self):
        paths = sorted(str(path) for path in SOURCE_DIR.glob("fixtures/*/input.*"))
        self.assertGreater(len(paths), 10)
        cli_text = {path: subprocess.run([CLI, path], check=True, capture_output=True, timeout=30).stdout.decode()
                    for path in paths}
        cli_json = {path: subprocess.run([CLI, "--format", "json", path], check=True, capture_output=True,
                                         timeout=30).stdout.decode() for path in paths}

        start = time.monotonic()
        with tempfile.TemporaryDirectory() as scratch, dask.config.set({"temporary-directory": scratch}), \
                LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                             dashboard_address=None, local_directory=scratch) as cluster, \
                Client(cluster) as client:
            self.assertEqual(len(client.scheduler_info()["workers"]), 2)
            bag = db.from_sequence(paths, npartitions=4).map(clean_on_worker)
            # Cleaned on the workers; written as JSON Lines there, and gathered here for the check.
            out = Path(scratch) / "out"
            written = bag.pluck("json").map(lambda line: line.rstrip("\n")).to_textfiles(
                str(out / "*.jsonl"), compute=False)
            futures = client.compute([bag] + list(written))
            results = futures[0].result(timeout=TIMEOUT)
            client.gather(futures[1:], errors="raise")
            lines = [line for file in sorted(out.glob("*.jsonl")) for line in file.read_text(encoding="utf-8").splitlines()]
        elapsed = time.monotonic() - start
        print(f"\ndask: {len(paths)} documents on 2 worker processes in {elapsed:.1f} s (cluster start and stop included)")

        self.assertEqual(len(results), len(paths))
        for path, result in zip(paths, results):
            with self.subTest(document=path):
                self.assertEqual(result["text"], cli_text[path])
                self.assertEqual(result["json"], cli_json[path])
        self.assertEqual(sorted(json.loads(line)["source"] for line in lines), paths)
        self.assertEqual(sorted(line + "\n" for line in lines), sorted(cli_json.values()))


if __name__ == "__main__":
    unittest.main()

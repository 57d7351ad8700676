"""`cmake --install` of the build into a fresh prefix gives a working `winnow` package, and the
README's ```python examples (the binding and the Dask recipe) run against it with PYTHONPATH set to
the installed package only.

Run by CTest (python_install) with WINNOW_BINARY_DIR, WINNOW_SOURCE_DIR, WINNOW_CLI, WINNOW_CMAKE
and WINNOW_PYTHON_INSTALL_DIR (the package's directory relative to the prefix) set.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

SOURCE_DIR = Path(os.environ.get("WINNOW_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BINARY_DIR = Path(os.environ.get("WINNOW_BINARY_DIR", SOURCE_DIR / "build"))
CLI = os.environ.get("WINNOW_CLI", str(BINARY_DIR / "winnow"))
CMAKE = os.environ.get("WINNOW_CMAKE", "cmake")
SITE = os.environ.get("WINNOW_PYTHON_INSTALL_DIR", "lib/python3/dist-packages")


def readme_examples():
    text = (SOURCE_DIR / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.S | re.M)


class InstallTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.scratch = tempfile.TemporaryDirectory(prefix="winnow-install-")
        cls.prefix = Path(cls.scratch.name) / "prefix"
        subprocess.run([CMAKE, "--install", str(BINARY_DIR), "--prefix", str(cls.prefix)],
                       check=True, capture_output=True, timeout=120)
        cls.site = cls.prefix / SITE
        # Only the installed package: nothing from the build tree or the caller's PYTHONPATH.
        cls.env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
        cls.env.update(PYTHONPATH=str(cls.site), PYTHONDONTWRITEBYTECODE="1", PYTHONNOUSERSITE="1")

    @classmethod
    def tearDownClass(cls):
        cls.scratch.cleanup()

    def python(self, *args, cwd=None, timeout=60):
        return subprocess.run([sys.executable, *args], env=self.env, cwd=cwd, capture_output=True, text=True,
                              timeout=timeout)

    def test_package_is_installed_with_its_stub(self):
        package = self.site / "winnow"
        names = sorted(path.name for path in package.iterdir())
        self.assertIn("__init__.py", names)
        self.assertIn("_winnow.pyi", names)
        self.assertIn("py.typed", names)
        self.assertTrue(any(name.startswith("_winnow.") and name.endswith(".so") for name in names), names)
        run = self.python("-c", "import winnow; print(winnow.__file__); print(winnow.version())")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(Path(run.stdout.splitlines()[0]), package / "__init__.py")

    def test_default_prefixes_are_on_the_interpreters_path(self):
        # Installed under /usr/local (CMake's default) or /usr, the package needs no PYTHONPATH.
        run = subprocess.run([sys.executable, "-c", "import site; print('\\n'.join(site.getsitepackages()))"],
                             capture_output=True, text=True, check=True)
        searched = run.stdout.splitlines()
        self.assertTrue({f"/usr/local/{SITE}", f"/usr/{SITE}"} & set(searched), (SITE, searched))

    def test_readme_examples_run_against_the_installed_module(self):
        examples = readme_examples()
        self.assertGreaterEqual(len(examples), 2, "README.md should have the Python and the Dask examples")
        with tempfile.TemporaryDirectory(prefix="winnow-readme-") as work:
            (Path(work) / "fixtures").symlink_to(SOURCE_DIR / "fixtures")
            for number, example in enumerate(examples, 1):
                script = Path(work) / f"readme_example_{number}.py"
                script.write_text(example, encoding="utf-8")
                start = time.monotonic()
                run = self.python(str(script), cwd=work, timeout=90)
                print(f"\nREADME python example {number}: {time.monotonic() - start:.1f} s", file=sys.stderr)
                self.assertEqual(run.returncode, 0, f"README python example {number}:\n{example}\n{run.stderr}")

            # The Dask recipe wrote clean/part-*.jsonl: one line per fixture, as `winnow --format json`.
            lines = [line for part in sorted((Path(work) / "clean").glob("part-*.jsonl"))
                     for line in part.read_text(encoding="utf-8").splitlines()]
            paths = sorted(str(path.relative_to(work)) for path in Path(work).glob("fixtures/*/input.*"))
            self.assertEqual(sorted(json.loads(line)["source"] for line in lines), paths)
            expected = {path: subprocess.run([CLI, "--format", "json", path], cwd=work, check=True, capture_output=True,
                                             text=True).stdout for path in paths}
            for line in lines:
                self.assertEqual(line + "\n", expected[json.loads(line)["source"]])


if __name__ == "__main__":
    unittest.main()

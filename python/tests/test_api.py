"""The winnow Python module against the fixtures and the command line's behaviour: bytes and str,
options, labels, errors, and threads (the GIL is released while a document is cleaned).

Run by CTest (python_api) with PYTHONPATH=build/python and WINNOW_SOURCE_DIR set.
"""
import json
import os
import pickle
import threading
import time
import unittest
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import winnow

SOURCE_DIR = Path(os.environ.get("WINNOW_SOURCE_DIR", Path(__file__).resolve().parents[2]))
FIXTURES = sorted(SOURCE_DIR.glob("fixtures/*/input.*"))
SEED = SOURCE_DIR / "fixtures/seed-004/input.txt"
ARTICLE = ("Harbour closed\n\nThe harbour stayed closed on Tuesday as the storm kept waves above four metres, "
           "the port authority said.\nThis website uses cookies.\n")


class FixtureTest(unittest.TestCase):
    def test_every_fixture_gives_its_expected_text(self):
        self.assertGreater(len(FIXTURES), 10)
        for path in FIXTURES:
            with self.subTest(fixture=path.parent.name):
                kind = "html" if path.suffix == ".html" else "text"
                expected = (path.parent / "expected.txt").read_text(encoding="utf-8")
                self.assertEqual(winnow.clean(path.read_bytes(), kind, input=kind).to_text(), expected)
                self.assertEqual(winnow.clean(path.read_bytes(), str(path)).to_text(), expected)


class InputTest(unittest.TestCase):
    def test_bytes_and_str_give_the_same_document(self):
        data = SEED.read_bytes()
        from_bytes = winnow.clean(data, "seed")
        from_str = winnow.clean(data.decode("utf-8"), "seed")
        self.assertEqual(from_str.to_text(), from_bytes.to_text())
        self.assertEqual(from_str.title, from_bytes.title)
        self.assertEqual(from_str.decode.decided_by, "declared")  # a str is read as UTF-8, not sniffed
        self.assertEqual(from_str.decode.encoding, "UTF-8")

    def test_str_is_read_as_utf8_whatever_the_page_or_the_charset_option_says(self):
        page = ("<html><head><meta charset=windows-1252><title>Café</title></head><body><p>Le café "
                "ouvre tous les jours de la semaine, et les clients du quartier sont nombreux.</p></body></html>")
        for cleaner in (winnow.Cleaner(), winnow.Cleaner(charset="shift_jis")):
            result = cleaner.clean(page, "cafe.html")
            self.assertEqual(result.title, "Café")
            self.assertIn("Le café ouvre", result.text)
        # The same page as bytes in windows-1252 is read by its <meta>.
        result = winnow.clean(page.encode("windows-1252"), "cafe.html")
        self.assertEqual((result.decode.encoding, result.decode.decided_by), ("windows-1252", "meta"))
        self.assertIn("Le café ouvre", result.text)

    def test_bytes_like_objects(self):
        data = SEED.read_bytes()
        expected = winnow.clean(data).to_text()
        self.assertEqual(winnow.clean(bytearray(data)).to_text(), expected)
        self.assertEqual(winnow.clean(memoryview(data)).to_text(), expected)
        with self.assertRaises(TypeError):
            winnow.clean(42)

    def test_charset_option_decodes_bytes(self):
        data = ("L'été au port\n\nCeci est un paragraphe où l'été dure longtemps, écrit pour vérifier que "
                "le décodage suit l'option et non la détection.\n").encode("latin-1")
        result = winnow.clean(data, charset="windows-1252")
        self.assertEqual(result.decode.decided_by, "declared")
        self.assertIn("où l'été dure", result.text)

    def test_decode_alone(self):
        data = "Itâ€™s here: un café.\n".encode("utf-8")
        text, report = winnow.Cleaner().decode(data)
        self.assertEqual(text, "It’s here: un café.\n")
        self.assertEqual(report.repairs, [("utf8-as-windows-1252", 1)])
        text, report = winnow.Cleaner(repair=False, charset="utf-8").decode(bytearray(data))
        self.assertEqual(text, data.decode("utf-8"))
        self.assertEqual((report.decided_by, report.repairs), ("declared", []))
        with self.assertRaises(TypeError):
            winnow.Cleaner().decode("text")

    def test_an_empty_document(self):
        result = winnow.clean(b"")
        self.assertEqual(result.text, "")
        self.assertIsNone(result.title)


class ResultTest(unittest.TestCase):
    def test_metadata_text_and_writers(self):
        result = winnow.clean(ARTICLE, "harbour.txt")
        self.assertEqual(result.source, "harbour.txt")
        self.assertEqual(result.title, "Harbour closed")
        self.assertTrue(result.text.startswith("The harbour stayed closed"))
        self.assertNotIn("cookies", result.text)
        for field in ("author", "date", "site_name", "url", "description"):
            self.assertIsNone(getattr(result, field), field)
        self.assertEqual(result.to_text(), "Harbour closed\n" + result.text + "\n")
        self.assertTrue(result.to_markdown().startswith("# Harbour closed\n"))
        self.assertGreaterEqual(result.blocks, 3)
        self.assertGreaterEqual(result.noise_blocks, 1)
        self.assertEqual(result.labels, [])  # only with explain=True

        line = result.to_json()
        self.assertTrue(line.endswith("\n") and line.count("\n") == 1)
        self.assertEqual(json.loads(line), result.to_dict())
        self.assertEqual(result.to_dict()["decode"]["encoding"], result.decode.encoding)
        self.assertEqual(result.to_dict()["title"], "Harbour closed")

    def test_html_metadata(self):
        path = SOURCE_DIR / "fixtures/html-h1-differs-from-og-title/input.html"
        result = winnow.clean(path.read_bytes(), path.name)
        self.assertEqual(result.to_dict()["title"], result.title)
        for field in ("author", "date", "language", "site_name", "url", "description"):
            self.assertEqual(result.to_dict()[field], getattr(result, field), field)

    def test_labels_with_explain(self):
        result = winnow.Cleaner(explain=True).clean(ARTICLE, "harbour.txt")
        self.assertEqual(len(result.labels), result.blocks)
        by_text = {block.text: block for block in result.labels}
        title = by_text["Harbour closed"]
        self.assertEqual((title.label, title.category, title.first_line, title.last_line), ("title", None, 1, 1))
        cookie = by_text["This website uses cookies."]
        self.assertEqual((cookie.label, cookie.category), ("noise", "cookie"))
        self.assertTrue(cookie.reason)
        for block in result.labels:
            self.assertEqual(block.category is None, block.label != "noise")
        lines = json.loads(result.to_json(labels=True))["lines"]
        self.assertEqual([(line["label"], line["category"], line["text"]) for line in lines],
                         [(block.label, block.category, block.text) for block in result.labels])
        self.assertEqual(result.to_dict(labels=True)["lines"], lines)
        rows = result.to_explain().splitlines()
        self.assertEqual(len(rows), len(result.labels))
        self.assertTrue(rows[0].startswith("1\ttitle\t-\t"))

    def test_decode_report_with_repairs(self):
        damaged = ("Harbour reopens\n\nItâ€™s a long paragraph of ordinary English prose about the harbour, "
                   "read with its quotes damaged, as the port authority said on Tuesday.\n").encode()
        result = winnow.clean(damaged)
        self.assertEqual(result.decode.repairs[0][0], "utf8-as-windows-1252")
        self.assertIn("It’s a long", result.to_text())
        raw = winnow.clean(damaged, repair=False)
        self.assertEqual(raw.decode.repairs, [])
        self.assertIn("Itâ€™s", raw.to_text())


class OptionsTest(unittest.TestCase):
    def test_defaults_and_round_trip(self):
        self.assertEqual(winnow.Cleaner().options, {
            "input": "auto", "charset": None, "repair": True, "favor": "balanced", "comments": False,
            "links": False, "explain": False, "patterns": None, "page_type": None})
        cleaner = winnow.Cleaner(input="text", favor="recall", charset="gbk", explain=True, page_type="forum")
        self.assertEqual(pickle.loads(pickle.dumps(cleaner)).options, cleaner.options)
        self.assertEqual(cleaner.options["page_type"], "forum")

    def test_page_type_given_is_the_page_type(self):
        page = b"<html><body><h1>Mugs</h1><p>Blue mugs and green mugs, made by hand in a small workshop.</p></body></html>"
        self.assertEqual(winnow.clean(page).page_type, "article")
        self.assertEqual(winnow.clean(page, page_type="collection").page_type, "collection")
        self.assertIsNone(winnow.clean(b"plain text, not a page", input="text").page_type)

    def test_favor_changes_what_is_kept(self):
        data = (SOURCE_DIR / "tests/data/favor/outside-main.txt").read_bytes()
        kept = {favor: len(winnow.clean(data, favor=favor).text) for favor in ("precision", "balanced", "recall")}
        self.assertLess(kept["precision"], kept["balanced"])
        self.assertLess(kept["balanced"], kept["recall"])

    def test_input_kind(self):
        page = b"<p>A paragraph of markup, long enough to count as prose in the article body here.</p>\n"
        self.assertNotIn("<p>", winnow.clean(page, input="html").to_text())
        self.assertIn("<p>", winnow.clean(page, input="text").to_text())

    def test_comments_kept_on_request(self):
        data = (SOURCE_DIR / "fixtures/html-blog-comments/input.html").read_bytes()
        self.assertEqual(winnow.clean(data).comments, [])
        self.assertTrue(winnow.clean(data, comments=True).comments)

    def test_links_in_markdown(self):
        page = (b"<html><body><article><p>The council published <a href='https://example.org/report'>its report</a> "
                b"on the harbour works this morning, after two years of delays and disputes.</p></article></body></html>")
        self.assertIn("](https://example.org/report)", winnow.clean(page, links=True).to_markdown())
        self.assertNotIn("](https://example.org/report)", winnow.clean(page).to_markdown())

    def test_patterns_directory(self):
        import tempfile
        with tempfile.TemporaryDirectory() as directory:
            self.assertEqual(winnow.Cleaner(patterns=Path(directory)).options["patterns"], directory)

    def test_bad_values_raise_value_error_naming_the_option(self):
        for options, words in (({"favor": "maximum"}, "for favor"), ({"input": "pdf"}, "for input"),
                               ({"charset": "klingon"}, "for charset"), ({"page_type": "blog"}, "for page_type")):
            with self.subTest(options=options):
                with self.assertRaises(ValueError) as caught:
                    winnow.Cleaner(**options)
                self.assertIn(words, str(caught.exception))
                self.assertNotIsInstance(caught.exception, winnow.Error)


class ErrorTest(unittest.TestCase):
    def test_binary_input(self):
        with self.assertRaises(winnow.Error) as caught:
            winnow.clean(bytes(range(32)) * 64, "photo.jpg")
        error = caught.exception
        self.assertIsInstance(error, ValueError)
        self.assertEqual(str(error), "photo.jpg: binary data, not text or HTML")
        self.assertEqual((error.kind, error.document, error.problem), ("binary", "photo.jpg", "binary data, not text or HTML"))
        winnow.clean(bytes(range(32)) * 64, "photo.jpg", input="text")  # forced through

    def test_missing_patterns_directory(self):
        with self.assertRaises(winnow.Error) as caught:
            winnow.Cleaner(patterns="/nonexistent/winnow-patterns")
        self.assertEqual(caught.exception.kind, "patterns")
        self.assertIn("/nonexistent/winnow-patterns", str(caught.exception))


class StreamTest(unittest.TestCase):
    def test_a_long_text_comes_in_windows_with_the_text_of_one_call_per_window(self):
        import io
        paragraph = ("The harbour stayed closed on Tuesday as the storm kept waves above four metres, "
                     "the port authority said in a statement.\n\n")
        data = (paragraph * 2000).encode()  # about 260 KB: several windows of 64 KiB
        cleaner = winnow.Cleaner(input="text")
        results = []
        cleaner.clean_stream(io.BytesIO(data), results.append, "long.txt", window_bytes=64 * 1024)
        self.assertGreater(len(results), 3)
        self.assertEqual([r.window for r in results], list(range(len(results))))
        self.assertTrue(all(r.source == "long.txt" for r in results))
        self.assertEqual(sum(r.text.count("harbour") for r in results), 2000)  # nothing lost or doubled

    def test_whole_and_html_give_one_result_as_clean_does(self):
        import io
        for path in (SEED, *[p for p in FIXTURES if p.suffix == ".html"][:1]):
            with self.subTest(path=path.name):
                results = []
                winnow.Cleaner().clean_stream(io.BytesIO(path.read_bytes()), results.append, str(path), whole=True)
                self.assertEqual(len(results), 1)
                self.assertEqual(results[0].to_json(), winnow.clean(path.read_bytes(), str(path)).to_json())

    def test_errors_from_the_file_the_sink_and_the_document(self):
        import io
        cleaner = winnow.Cleaner()
        with self.assertRaises(TypeError) as caught:
            cleaner.clean_stream(io.StringIO("text"), print)
        self.assertIn("binary mode", str(caught.exception))

        def sink(result):
            raise RuntimeError("sink refused")

        with self.assertRaisesRegex(RuntimeError, "sink refused"):
            cleaner.clean_stream(io.BytesIO(ARTICLE.encode()), sink)
        with self.assertRaises(winnow.Error) as caught:
            cleaner.clean_stream(io.BytesIO(bytes(range(256)) * 64), print, "blob.bin")
        self.assertEqual(caught.exception.kind, "binary")
        self.assertIn("blob.bin", str(caught.exception))
        with self.assertRaises(ValueError):
            cleaner.clean_stream(io.BytesIO(b"x"), print, window_bytes=10)


class ThreadTest(unittest.TestCase):
    def test_four_threads_give_the_sequential_results(self):
        cleaner = winnow.Cleaner(explain=True)
        documents = [(path.read_bytes(), str(path)) for path in FIXTURES] * 4
        sequential = [cleaner.clean(data, name).to_json(labels=True) for data, name in documents]
        with ThreadPoolExecutor(max_workers=4) as pool:
            threaded = list(pool.map(lambda document: cleaner.clean(*document).to_json(labels=True), documents))
        self.assertEqual(threaded, sequential)

    def test_other_threads_run_while_a_document_is_cleaned(self):
        # With the GIL held through clean(), this thread would stall for the whole call; released, it
        # keeps running, so the longest pause it sees is far shorter than the call. A held GIL fails
        # every attempt; a busy machine may stall this thread once, hence up to three attempts.
        data = SEED.read_bytes() * 400  # a few MB
        cleaner = winnow.Cleaner(input="text")
        attempts = []
        for _ in range(3):
            took = []

            def work():
                start = time.perf_counter()
                cleaner.clean(data)
                took.append(time.perf_counter() - start)

            worker = threading.Thread(target=work)
            last = time.perf_counter()
            longest_pause = 0.0
            worker.start()
            while worker.is_alive():
                now = time.perf_counter()
                longest_pause = max(longest_pause, now - last)
                last = now
            worker.join()
            self.assertGreater(took[0], 0.05, "the document is too small to tell")
            attempts.append(f"paused {longest_pause:.3f} s during a {took[0]:.3f} s clean")
            if longest_pause < took[0] / 2:
                return
        self.fail("; ".join(attempts))

if __name__ == "__main__":
    unittest.main()

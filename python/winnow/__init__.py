"""winnow: clean article text out of noisy web pages and text dumps.

    >>> import winnow
    >>> page = winnow.clean(open("page.html", "rb").read(), source="page.html")
    >>> page.title, page.text          # metadata and the kept paragraphs, one per line
    >>> print(page.to_text())          # what the `winnow` command prints

A Cleaner holds the compiled patterns and the options (the command line's); build one and reuse it,
from as many threads as you like: the GIL is released while a document is cleaned. winnow.clean()
does that for you, keeping one Cleaner per set of options. Failures raise winnow.Error (a
ValueError) with the message; an option value it does not know raises ValueError naming the option.
"""

from __future__ import annotations

import functools
import os
from typing import Optional, Union

from ._winnow import BlockLabel, Cleaner, DecodeReport, Error, Result, version

__all__ = ["BlockLabel", "Cleaner", "DecodeReport", "Error", "Result", "clean", "version", "__version__"]
__version__ = version()


@functools.lru_cache(maxsize=16)
def _cleaner(input: str, charset: Optional[str], repair: bool, favor: str, comments: bool, links: bool,
             explain: bool, patterns: Optional[str], page_type: Optional[str]) -> Cleaner:
    return Cleaner(input=input, charset=charset, repair=repair, favor=favor, comments=comments, links=links,
                   explain=explain, patterns=patterns, page_type=page_type)


def clean(data: Union[bytes, bytearray, memoryview, str], source: str = "<input>", *, input: str = "auto",
          charset: Optional[str] = None, repair: bool = True, favor: str = "balanced", comments: bool = False,
          links: bool = False, explain: bool = False,
          patterns: Union[str, "os.PathLike[str]", None] = None, page_type: Optional[str] = None) -> Result:
    """Cleans one document with a Cleaner built from these options (kept for the next call) and
    returns its Result. See Cleaner for the options and Cleaner.clean for data and source: bytes are
    decoded as the options say; a str is cleaned from its UTF-8 encoding, with charset utf-8."""
    cleaner = _cleaner(input, charset, bool(repair), favor, bool(comments), bool(links), bool(explain),
                       None if patterns is None else os.fspath(patterns), page_type)
    return cleaner.clean(data, source)

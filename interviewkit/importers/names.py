"""The name a source document is shown by on kit pages and in the packet PDF.

A document keeps the file name it was uploaded or imported under. A file stored under a
generated name (`004_b9a8bb61f544326a.txt`: a number and a hash, as the seed files are) tells a
reader nothing, and its original name is not known: it is shown as the role document it is.
"""

import re

STORED_NAME = re.compile(r"(?P<number>\d{1,4})_[0-9a-f]{12,64}\.[A-Za-z0-9]{1,8}")


def shown_document_name(name: str, title: str) -> str:
    """`name`, or "<title> role document (file <number>)" when `name` is a generated stored
    name (the number tells apart two such files of one role)."""
    stored = STORED_NAME.fullmatch(name)
    if title and stored:
        return f"{title} role document (file {stored['number']})"
    return name

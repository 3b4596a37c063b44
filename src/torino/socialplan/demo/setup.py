"""Builds the demo site from demo/data.py (the ``demo`` profile's handler)."""


def build_demo(context):
    raise NotImplementedError("being written")

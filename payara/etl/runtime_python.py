#!/usr/bin/env python3
"""Runs an ETL that AIS's Python SDK registered with `Etl.init_class` (what AIS's `aistorage/runtime_python` image
does in a pod), as a local process of the node's `process` runtime.

Map AIS's runtime image to it in the node's image table (`ais.etl.images`), with a Python that has AIS's SDK
(`aistore`, which holds the transformer framework) installed:

    aistorage/runtime_python:*  /opt/ais-etl/venv/bin/python3 /opt/ais-etl/runtime_python.py --port 8000

The class comes in `ETL_CLASS_PAYLOAD` (the SDK's serialized class); it is instantiated and its server started on
the loopback port the node gives (`--port`, rewritten by the node, or `AIS_ETL_PORT`). `PACKAGES` and
`OS_PACKAGES` (extra dependencies the SDK may ask for) are not installed here: install them into that Python
beforehand; a class that needs a missing one fails at start and the init is aborted with this process's output.
"""
import argparse
import base64
import os
import sys

import cloudpickle  # AIS's SDK depends on it (the class was pickled with it)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=int(os.environ.get("AIS_ETL_PORT", "8000")))
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()

    payload = os.environ.get("ETL_CLASS_PAYLOAD")
    if not payload:
        sys.exit("ETL_CLASS_PAYLOAD is not set: this runtime only runs classes registered with Etl.init_class")
    for extra in ("PACKAGES", "OS_PACKAGES"):
        if os.environ.get(extra):
            print(f"note: {extra}={os.environ[extra]} is not installed by this runtime", flush=True)

    cls = cloudpickle.loads(base64.b64decode(payload))
    try:
        server = cls(host=args.host, port=args.port)
    except TypeError:
        server = cls()
        server.host, server.port = args.host, args.port
    print(f"runtime_python: {cls.__name__} on {args.host}:{args.port}", flush=True)
    server.start()


if __name__ == "__main__":
    main()

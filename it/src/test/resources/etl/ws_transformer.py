#!/usr/bin/python3
"""A tiny ETL transformer speaking AIS's WebSocket transformer protocol (tests' own), on Debian's python3-websockets.

GET /health -> 200 "Running"; /ws: per object the node sends two binary messages, (1) a JSON control message
{"path": <object name>, "etl_args": ..., "fqn": ..., "pipeline": ...} (empty fields left out), (2) the object's
bytes (only when there is no "fqn"); this server answers one binary message with the transformed bytes, or a text
message: "Transform error: ..." when the transform fails (as AIS's FastAPI server does). Modes (env TRANSFORM):
echo, upper, source ("fqn:" or "bytes:" prepended: how the object came); etl_args is prepended as "<args>|". An object whose name contains "fail" fails its transform.
Started as AIS's images are: `ws_transformer.py --port 8000` (the node rewrites the port).
"""
import asyncio
import http
import json
import os
import sys
import urllib.parse

import websockets

TARGET = os.environ.get("AIS_TARGET_URL")
MODE = os.environ.get("TRANSFORM", "echo")


def transform(data, name, args, via):
    if "fail" in name:
        raise ValueError("cannot transform " + name)
    if MODE == "source":
        return via.encode() + b":" + data
    out = data.upper() if MODE == "upper" else data
    return (args.encode() + b"|" + out) if args else out


async def health(path, headers):
    if path == "/health":
        return http.HTTPStatus.OK, [("Content-Type", "text/plain")], b"Running"
    return None  # go on with the WebSocket handshake


async def session(ws, path):
    async for ctrl in ws:
        msg = json.loads(ctrl)
        name = msg.get("path", "")
        args = msg.get("etl_args", "").strip()
        via = "bytes"
        if msg.get("fqn"):  # the object's local file, path-escaped (AIS's FQN mode): no bytes message follows
            with open(os.path.normpath(urllib.parse.unquote(msg["fqn"])), "rb") as f:
                data = f.read()
            via = "fqn"
        else:
            data = await ws.recv()
        try:
            await ws.send(transform(data, name, args, via))
        except ValueError as e:
            await ws.send("Transform error: " + str(e))


async def main():
    if not TARGET:
        sys.exit("AIS_TARGET_URL is not set")
    port = int(sys.argv[sys.argv.index("--port") + 1]) if "--port" in sys.argv else 8000
    async with websockets.serve(session, "127.0.0.1", port, process_request=health, max_size=None):
        print("ws transformer: mode %s listening on 127.0.0.1:%d" % (MODE, port), flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main())

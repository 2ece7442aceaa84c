"""Calls an ASGI app with one HTTP request whose target is given raw, as uvicorn would build the scope
(``raw_path`` as sent, ``path`` percent-decoded as UTF-8), and collects the response: no HTTP client in between
to normalise the target."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import unquote


class AsgiResponse:
    def __init__(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name:
                return value
        return None


def asgi_call(app: Any, method: str, target: str, headers: list[tuple[str, str]] | None = None, body: bytes = b"") -> AsgiResponse:
    path, _, query = target.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": unquote(path),
        "raw_path": path.encode("latin-1"),
        "query_string": query.encode("latin-1"),
        "root_path": "",
        "headers": [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in (headers or [("host", "testserver")])],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    messages: list[dict[str, Any]] = []
    sent_body = False

    async def receive() -> dict[str, Any]:
        nonlocal sent_body
        if not sent_body:
            sent_body = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    asyncio.run(app(scope, receive, send))
    start = next(m for m in messages if m["type"] == "http.response.start")
    return AsgiResponse(
        start["status"],
        [(k.decode("latin-1"), v.decode("latin-1")) for k, v in start.get("headers", [])],
        b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body"),
    )

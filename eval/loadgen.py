"""A minimal keep-alive HTTP/1.1 JSON client for load generation (what wrk or hey do).

The API benchmark's client runs on the same cores as the server it measures, so every
millisecond the client spends is taken from the server: httpx spends about 2 ms of CPU per
request, this client a small fraction of that. It speaks only what the benchmark needs: POST or
GET with a JSON body, responses with Content-Length, one request at a time per connection.
"""

from __future__ import annotations

import asyncio
import json
from urllib.parse import urlsplit


class HTTPStatusError(RuntimeError):
    def __init__(self, status: int, body: bytes):
        super().__init__(f"HTTP {status}: {body[:200].decode('utf-8', 'replace')}")
        self.status = status


class KeepAliveClient:
    def __init__(self, base_url: str):
        parts = urlsplit(base_url)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"need an http://host:port URL, got {base_url!r}")
        self.host, self.port = parts.hostname, parts.port or 80
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def __aenter__(self) -> KeepAliveClient:
        self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        return self

    async def __aexit__(self, *exc) -> None:
        if self._writer is not None:
            self._writer.close()
            await self._writer.wait_closed()

    async def request(self, method: str, path: str, body: dict | None = None) -> dict:
        """Send one request, return the JSON response; raises HTTPStatusError above 299."""
        if self._reader is None or self._writer is None:
            raise RuntimeError("use the client in `async with`")
        payload = json.dumps(body).encode() if body is not None else b""
        head = (f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n")
        self._writer.write(head.encode("ascii") + payload)
        status_line, _, headers = (await self._reader.readuntil(b"\r\n\r\n")).partition(b"\r\n")
        status = int(status_line.split(b" ", 2)[1])
        length = None
        for line in headers.split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
            elif name.strip().lower() == b"transfer-encoding":
                raise RuntimeError("chunked responses are not supported by this client")
        if length is None:
            raise RuntimeError("the response has no Content-Length")
        data = await self._reader.readexactly(length)
        if status >= 300:
            raise HTTPStatusError(status, data)
        return json.loads(data) if data else {}

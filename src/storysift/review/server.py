"""The review page's local web server (standard library only): the page, its JSON API, saving."""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources

from ..errors import StorysiftError
from .session import ReviewSession

log = logging.getLogger(__name__)
MAX_BODY = 10 * 1024 * 1024


def _app_html() -> bytes:
    return resources.files(__package__).joinpath("static/review.html").read_bytes()


class ReviewHandler(BaseHTTPRequestHandler):
    """Routes: GET / (the app), GET /api/pages, GET /api/page/N, GET /source/N (the page itself, scripts
    removed), POST /api/page/N with {"labels": [...]} (save)."""

    session: ReviewSession  # set on the subclass made by make_server

    def log_message(self, format: str, *args) -> None:
        log.debug("%s " + format, self.address_string(), *args)

    def _send(self, status: int, body: bytes, content_type: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, obj) -> None:
        self._send(status, json.dumps(obj, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _index(self, prefix: str) -> int | None:
        tail = self.path.split("?", 1)[0][len(prefix) :]
        if not tail.isdigit() or int(tail) >= len(self.session.items):
            self._json(HTTPStatus.NOT_FOUND, {"error": f"no page {tail!r}"})
            return None
        return int(tail)

    def _pages(self) -> dict:
        reviewed = self.session.reviewed()
        pages = [{"name": it.name, "reviewed": r} for it, r in zip(self.session.items, reviewed)]
        return {"pages": pages, "reviewed": sum(reviewed), "total": len(pages)}

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        try:
            if path in ("/", "/index.html"):
                self._send(HTTPStatus.OK, _app_html(), "text/html; charset=utf-8")
            elif path == "/api/pages":
                self._json(HTTPStatus.OK, self._pages())
            elif path.startswith("/api/page/"):
                if (i := self._index("/api/page/")) is not None:
                    self._json(HTTPStatus.OK, self.session.page(i))
            elif path.startswith("/source/"):
                if (i := self._index("/source/")) is not None:
                    csp = {"Content-Security-Policy": "script-src 'none'; connect-src 'none'"}
                    html = self.session.source_html(i).encode("utf-8")
                    self._send(HTTPStatus.OK, html, "text/html; charset=utf-8", csp)
            else:
                self._json(HTTPStatus.NOT_FOUND, {"error": f"no such path {path}"})
        except StorysiftError as exc:
            self._json(HTTPStatus.UNPROCESSABLE_ENTITY, {"error": str(exc)})

    def do_POST(self) -> None:
        if not self.path.startswith("/api/page/"):
            self._json(HTTPStatus.NOT_FOUND, {"error": "POST /api/page/N only"})
            return
        i = self._index("/api/page/")
        if i is None:  # _index has answered 404
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "body too large"})
            return
        try:
            labels = json.loads(self.rfile.read(length) or b"{}").get("labels")
            if not isinstance(labels, list):
                raise ValueError('body must be {"labels": [...]}')
            target = self.session.save(i, labels)
        except (ValueError, AttributeError, StorysiftError) as exc:
            self._json(HTTPStatus.BAD_REQUEST, {"error": str(exc)})
            return
        self._json(HTTPStatus.OK, {"saved": str(target), **self._pages()})


def make_server(session: ReviewSession, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """A server for the session (port 0: any free port; its address is server.server_address)."""
    handler = type("BoundReviewHandler", (ReviewHandler,), {"session": session})
    return ThreadingHTTPServer((host, port), handler)

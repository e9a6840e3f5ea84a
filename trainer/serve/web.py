"""textual-serve's web server with our limits: who may open a session, and for how long.

textual-serve's own `Server` starts an app for every websocket, from anyone, for as long as
the socket stays open. This subclass asks the `SessionBook` first (a "busy, try again" page
or message instead), tells each app the browser's network address (for sign-in throttling),
learns from the app when someone has signed in (and out again), and closes sessions nobody is
signed in to for `sign_in_timeout` seconds: from the moment the tab opened, or from the moment
its learner signed out.
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import to_int

from trainer.i18n import Translator
from trainer.identity.gate import SOURCE_ADDRESS_VARIABLE
from trainer.serve.limits import LimitSettings, Network, Refusal, SessionBook, client_address
from trainer.serve.verify_page import VerifyingServer

log = logging.getLogger("textual-serve")

SIGNED_IN_META = "trainer_signed_in"  # written by the served sign-in screen (tui)
SIGNED_OUT_META = "trainer_signed_out"  # the sign-in screen is shown again
TRY_AGAIN_LATER = 1013  # websocket close code: "Try Again Later"

BUSY_LANGUAGES = ("pl", "en")  # the page comes before anyone chose a language: say it in both


def busy_lines(retry_after: int) -> list[str]:
    minutes = max(1, round(retry_after / 60))
    lines = []
    for lang in BUSY_LANGUAGES:
        t = Translator(lang)
        lines.append(t("The training server is busy right now."))
        lines.append(
            t.plural(
                "Please try again in {n} minute; this page will reload by itself.",
                "Please try again in {n} minutes; this page will reload by itself.",
                minutes,
                n=minutes,
            )
        )
    return lines


def busy_page(title: str, retry_after: int) -> str:
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in busy_lines(retry_after))
    return f"""<!DOCTYPE html>
<html lang="pl">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="{retry_after}">
<title>{html.escape(title)}</title>
<style>
body {{ background: #0c181f; color: #f0f0f0; font-family: sans-serif; display: flex;
       align-items: center; justify-content: center; height: 100vh; margin: 0; }}
main {{ max-width: 36rem; padding: 2rem; background: #12232d; line-height: 1.5; }}
</style>
</head>
<body><main><h1>{html.escape(title)}</h1>
{paragraphs}
</main></body>
</html>
"""


class TabService(AppService):
    """One tab's app process, told its browser's address, reporting its sign-in."""

    def __init__(
        self,
        *arguments: Any,
        address: str,
        on_signed_in: Callable[[], None],
        on_signed_out: Callable[[], None],
        **options: Any,
    ) -> None:
        super().__init__(*arguments, **options)
        self.address = address
        self.on_signed_in = on_signed_in
        self.on_signed_out = on_signed_out

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        environment[SOURCE_ADDRESS_VARIABLE] = self.address
        return environment

    async def on_meta(self, data: bytes) -> None:
        try:
            kind = json.loads(data).get("type")
        except (ValueError, AttributeError):
            kind = None
        if kind == SIGNED_IN_META:
            self.on_signed_in()
            return
        if kind == SIGNED_OUT_META:
            self.on_signed_out()
            return
        await super().on_meta(data)


class TrainerServer(VerifyingServer):
    """textual-serve's server with session limits, per-address budgets and `/verify/CODE`."""

    def __init__(
        self,
        command: str,
        *,
        limits: LimitSettings,
        trusted_proxies: tuple[Network, ...] = (),
        **options: Any,
    ) -> None:
        # Our page: the same hooks textual.js needs, the font from this server (works offline).
        options.setdefault("templates_path", Path(__file__).with_name("templates"))
        super().__init__(command, **options)
        self.book = SessionBook(limits)
        self.trusted_proxies = trusted_proxies

    def address_of(self, request: web.Request) -> str:
        return client_address(
            request.remote, request.headers.get("X-Forwarded-For"), self.trusted_proxies
        )

    def _busy_response(self, refusal: Refusal) -> web.Response:
        return web.Response(
            status=503,
            text=busy_page(self.title, refusal.retry_after),
            content_type="text/html",
            headers={"Retry-After": str(refusal.retry_after), "Cache-Control": "no-store"},
        )

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        refusal = self.book.check(self.address_of(request))
        if refusal is not None:
            return self._busy_response(refusal)
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        address = self.address_of(request)
        admitted = self.book.open(address)
        if isinstance(admitted, Refusal):
            await websocket.prepare(request)
            text = "\r\n".join(busy_lines(admitted.retry_after))
            await websocket.send_bytes(f"\x1b[2J\x1b[H{text}\r\n".encode())
            await websocket.close(code=TRY_AGAIN_LATER, message=b"busy")
            log.warning("session refused for %s (%s)", address, admitted.reason)
            return websocket
        tab = admitted
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: TabService | None = None
        timeout: asyncio.Task[None] | None = None

        def start_timeout() -> None:
            """The sign-in timeout, from now (the tab opened, or its learner signed out)."""
            nonlocal timeout
            if timeout is not None:
                timeout.cancel()
            assert service is not None
            timeout = asyncio.create_task(self._close_unless_signed_in(tab, service))

        def signed_out() -> None:
            if self.book.signed_out(tab):
                start_timeout()

        try:
            await websocket.prepare(request)
            service = TabService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
                address=address,
                on_signed_in=lambda: self.book.signed_in(tab),
                on_signed_out=signed_out,
            )
            await service.start(width, height)
            start_timeout()
            await self._relay(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.exception(error)
        finally:
            if timeout is not None:
                timeout.cancel()
            if service is not None:
                await service.stop()
            self.book.close(tab)
        return websocket

    async def _close_unless_signed_in(self, tab: int, service: AppService) -> None:
        await asyncio.sleep(self.book.settings.sign_in_timeout)
        if not self.book.is_signed_in(tab):
            log.info("closing a session nobody signed in to")
            await service.send_meta({"type": "quit"})

    async def _relay(self, websocket: web.WebSocketResponse, service: AppService) -> None:
        """The browser's messages to the app (textual-serve's protocol), bad ones dropped."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = message.json()
                kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            except (ValueError, TypeError, IndexError, KeyError):
                continue
            if kind == "stdin" and isinstance(data, str):
                await service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                width, height = data.get("width"), data.get("height")
                if isinstance(width, int) and isinstance(height, int):
                    await service.set_terminal_size(width, height)
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

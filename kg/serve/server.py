"""A running `kg serve`: the front on its address and the backend behind it (`Server`), and `serve`, which runs
one until it is stopped."""
from __future__ import annotations

import signal
import sys
import threading
from http.server import ThreadingHTTPServer
from typing import Callable

from kg.errors import ConfigError
from kg.serve.backend import open_backend
from kg.serve.front import Handler
from kg.serve.page import page
from kg.serve.settings import DEFAULT_HOST, DEFAULT_PORT, Settings


class Server:
    """The front and its backend; `with Server(...) as s:` runs it in a thread until the block ends. The options
    are those of `Settings`."""

    def __init__(self, store: str | None, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, **options):
        settings = Settings(**options)
        self.backend = open_backend(store, settings.allow_update, settings.timeout)
        handler = type("BoundHandler", (Handler,), {"backend": self.backend, "settings": settings,
                                                     "page": page(settings)})
        try:
            self.http = ThreadingHTTPServer((host, port), handler)
        except OSError as error:
            self.backend.close()
            raise ConfigError(f"cannot listen on {host}:{port} ({error.strerror}); choose another --port") from error
        self.http.daemon_threads = True
        self.url = f"http://{host}:{self.http.server_address[1]}"

    def __enter__(self) -> "Server":
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.http.shutdown()
        self.close()

    def close(self) -> None:
        self.http.server_close()
        self.backend.close()


def serve(store_spec: str | None, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          ready: Callable[[str], None] = lambda url: None, **options) -> None:
    """Serve the store's SPARQL endpoint and page at http://host:port/ until interrupted (Ctrl-C or SIGTERM);
    `ready` is called with the URL once it answers. The options are those of `Settings`."""
    server = Server(store_spec, host, port, **options)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the Oxigraph server and free the store too
    ready(server.url)
    try:
        server.http.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()

"""Serves the generated Django adapter under gunicorn on 127.0.0.1 (``npm run serve -- --framework django``,
the tests and the bench start it through scripts/serve.ts). Flags: see serve_options.py. The Django project is
this file: settings configured in code, the URLconf below, as the package README mounts the adapter."""

from __future__ import annotations

import re
import sys
from typing import Any, Callable

import django
from django.conf import settings

from serve_options import PlainRoute, mount_segments, parse_serve_options

options = parse_serve_options(sys.argv[1:])

settings.configure(
    DEBUG=False,
    SECRET_KEY="scim-codegen-serve",
    ROOT_URLCONF=__name__,
    ALLOWED_HOSTS=["*"],
    # No middleware: nothing of Django's reads the Host header or the body before the adapter (CommonMiddleware
    # would validate Host, CsrfViewMiddleware read a POST body); the adapter answers every request itself.
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={},
    USE_TZ=True,
    LOGGING_CONFIG=None,
)
django.setup()

from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.urls import URLPattern, URLResolver, path, re_path  # noqa: E402

import scim_discovery.django  # noqa: E402


def _plain_view(route: PlainRoute) -> Callable[..., HttpResponse]:
    def view(_request: HttpRequest, **_kwargs: Any) -> HttpResponse:
        return HttpResponse(route.body, headers=route.headers)

    return view


def _django_route(base_path: str) -> str:
    return "/".join(f"<str:{name}>" if name is not None else literal for literal, name in mount_segments(base_path))


urlpatterns: list[URLPattern | URLResolver] = []
for plain in options.plain_routes:
    route = plain.path.lstrip("/")
    if plain.mounted:
        # Mounted as the adapter is: one pattern of the URLconf answering the prefix and every path below it,
        # the rest of the path captured as a keyword argument as mount()'s is.
        urlpatterns.append(re_path(rf"^{re.escape(route)}(?P<rest>(?:/[\s\S]*)?)\Z", _plain_view(plain)))
    else:
        urlpatterns.append(path(route, _plain_view(plain)))
# As the package README shows: mount() with the route of the base, parameters as <str:…>.
urlpatterns.append(scim_discovery.django.mount(_django_route(options.base_path), **options.discovery))


def main() -> None:
    from django.core.wsgi import get_wsgi_application
    from gunicorn.app.base import BaseApplication

    application = get_wsgi_application()

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", f"127.0.0.1:{options.port}")
            self.cfg.set("workers", 1)
            # Threads with keep-alive (the sync worker closes every connection after one response), as
            # Django is commonly deployed behind a proxy that keeps its upstream connections open.
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", 4)
            self.cfg.set("keepalive", 30)
            self.cfg.set("accesslog", None)
            self.cfg.set("loglevel", "warning")
            # Request lines as long as Node's parser takes (its limit is 16 KiB for the whole head); gunicorn's
            # default, 4094 bytes, answers longer ones with an HTML 400 before Django runs.
            self.cfg.set("limit_request_line", 0)

        def load(self) -> Any:
            return application

    Server().run()


if __name__ == "__main__":
    main()

# The entry point of the adapters that see the raw request target: split the target, match the mount (by
# `base_path`, or by the adapter's own matcher where the framework has routed the mount), encode the mount
# path (RFC 3986 §3.3), route, answer. Splitting, mounting, encoding and routing are pure functions of the
# target, so they are done once per distinct target and remembered: the usual request (a path asked for
# before, no query) costs one dict lookup before the answer.
from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Mapping, NamedTuple, Protocol
from urllib.parse import quote

from .base_path import (
    BasePathMatcher,
    MountParamsReader,
    create_base_path_matcher,
    create_mount_params_reader,
    raw_mount_path,
)
from .discovery_handler import DISCOVERY_OPTION_NAMES, AnyResponse, check_option_names, create_discovery_core
from .lru_cache import memoize_newest_first
from .route import Route
from .types import NO_PARAMS, DiscoveryDocuments, HeaderSource, MountParams

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .types import TargetHandlerOptions


class RequestTarget(NamedTuple):
    """The parts of a request URL the handler needs, split without parsing a whole URL."""

    pathname: str
    """Raw, percent-encoded path (``/scim/v2/Schemas/urn%3A…``)."""
    query: str
    """Raw query string without ``?``, or ``""``."""
    protocol: str | None
    """``http`` or ``https`` when the URL is absolute, else ``None``."""


def split_request_url(url: str) -> RequestTarget:
    """Splits an absolute URL (``https://host/p?q``) or an origin-form target (``/p?q``) into raw path and query."""
    start = 0
    protocol: str | None = None
    if not url.startswith("/"):
        scheme = url.find("://")
        if scheme != -1:
            protocol = url[:scheme].lower()
            # Skip the authority: it ends at the first "/", "?" or "#" (RFC 3986 §3.2).
            start = scheme + 3
            while start < len(url) and url[start] not in "/?#":
                start += 1
    hash_ = url.find("#", start)
    end = len(url) if hash_ == -1 else hash_
    question = url.find("?", start)
    path_end = end if question == -1 or question > end else question
    pathname = "/" if path_end == start else url[start:path_end]
    query = url[path_end + 1 : end] if path_end < end else ""
    return RequestTarget(pathname, query, protocol)


class TargetHandler(Protocol):
    """Answers one request from its method, raw target (``/scim/v2/Schemas?x=1``, or absolute), headers and the
    scheme it arrived on (when not given: the absolute target's). ``None`` when the path is outside the mount
    (``base_path``): the adapter passes the request on, or answers a SCIM 404. Returns an awaitable only when
    ``authenticate`` does; raises only what a hook raises."""

    def __call__(
        self, method: str, target: str, headers: HeaderSource, protocol: str | None = None, /
    ) -> AnyResponse | None: ...


class _Plan(NamedTuple):
    """Where a target below the mount leads: a pure function of the target, shared by every request for it."""

    base_path: str | None
    params: MountParams
    path: str
    route: Route
    protocol: str | None


# Remembered targets. A bound, not a tuning knob: past it the memo starts afresh.
_PLAN_MEMO_SIZE = 1024

TARGET_OPTION_NAMES: frozenset[str] = DISCOVERY_OPTION_NAMES | {"base_path"}
"""The option names of ``create_target_handler``: those of ``create_discovery_handler`` and ``base_path``."""


def create_target_handler(
    documents: DiscoveryDocuments,
    mount_matcher: BasePathMatcher | None = None,
    mount_params: MountParamsReader | None = None,
    **options: Unpack[TargetHandlerOptions],
) -> TargetHandler:
    """Creates a ``TargetHandler`` serving the discovery endpoints under ``base_path`` (literal,
    ``/orgs/{org}/scim/v2``, or a compiled pattern), or under the mount ``mount_matcher`` finds when given; the
    hooks get the mount's route parameters as ``request.params``, read by ``mount_params`` when given, else
    from ``base_path``. Options as for ``create_discovery_handler``; raises ``DiscoveryConfigurationError`` at
    creation."""
    check_option_names(options, TARGET_OPTION_NAMES)
    # The options are checked first, so that invalid ones get the runtime's own error.
    core = create_discovery_core(documents, {name: value for name, value in options.items() if name != "base_path"})
    base_path_option = options.get("base_path", "")
    match_base_path = mount_matcher if mount_matcher is not None else create_base_path_matcher(base_path_option)
    read_params = mount_params if mount_params is not None else create_mount_params_reader(base_path_option)
    # Params by raw mount path, the newest checked first: every plan of one tenant shares one read-only mapping.
    params_of = memoize_newest_first(read_params, _PLAN_MEMO_SIZE)
    # Plans of targets without query or fragment, by target. Bounded by emptying it when full: a scanner's
    # random paths must not grow it; a forgotten plan costs only its recomputation.
    plans: dict[str, _Plan] = {}
    answer, mount_path, route = core.answer, core.mount_path, core.route

    def handle_target(method: str, target: str, headers: HeaderSource, protocol: str | None = None, /) -> AnyResponse | None:
        known = plans.get(target)
        if known is not None:
            return answer(
                method, known.base_path, known.params, known.path, "", headers, protocol if protocol is not None else known.protocol, known.route, None
            )
        split = split_request_url(target)
        base_path = match_base_path(split.pathname)
        if base_path is None:
            return None
        path = split.pathname[len(base_path) :]
        mount = mount_path(base_path)
        # A mount whose parameters do not decode is no mount (encode_base_path refuses it first: the same rule).
        params = None if mount is None else params_of(base_path)
        plan = _Plan(
            base_path=None if params is None else mount,
            params=NO_PARAMS if params is None else params,
            path=path,
            route=route(path),
            protocol=split.protocol,
        )
        if "?" not in target and "#" not in target:
            if len(plans) >= _PLAN_MEMO_SIZE:
                plans.clear()
            plans[target] = plan
        return answer(
            method, plan.base_path, plan.params, plan.path, split.query, headers, protocol if protocol is not None else plan.protocol, plan.route, None
        )

    return handle_target


# What follows has no TS twin: Node hands every adapter the raw request line (`req.method`, `req.url`), while a
# Python framework hands its views a decoded path (PEP 3333 PATH_INFO, the ASGI `path`) and an upper-cased
# method (Django). The raw ones come from the server, and the mount is found again on the raw path.

# RFC 3986 §3.3 pchar and "/": what a rebuilt raw path keeps as it is (urllib.parse.quote's `safe`).
_PATH_SAFE = "/!$&'()*+,;=:@-._~"


class RequestLine(NamedTuple):
    """A request's method and raw target as the server received them (``GET``, ``/scim/v2/Schemas?x=1``)."""

    method: str
    target: str


def wsgi_request_line(environ: Mapping[str, object]) -> RequestLine:
    """The raw request line of a WSGI request (PEP 3333; Django's ``request.META``): ``REQUEST_METHOD`` as sent,
    and the target from ``RAW_URI`` (gunicorn) or ``REQUEST_URI`` (uWSGI, mod_wsgi). Where the server gives
    neither (wsgiref, Django's runserver and test client), the target is rebuilt from ``SCRIPT_NAME`` and
    ``PATH_INFO``, which the server percent-decoded, and ``QUERY_STRING``: the same path, but ``%3A`` comes back
    as ``:`` and a malformed ``%zz`` as ``%25zz``."""
    method = environ.get("REQUEST_METHOD")
    method_text = method if isinstance(method, str) else "GET"
    raw = environ.get("RAW_URI")
    if not isinstance(raw, str) or raw == "":
        raw = environ.get("REQUEST_URI")
    if isinstance(raw, str) and raw != "":
        return RequestLine(method_text, raw)
    script_name = environ.get("SCRIPT_NAME")
    path_info = environ.get("PATH_INFO")
    query = environ.get("QUERY_STRING")
    # PEP 3333: the decoded octets, each as one latin-1 character.
    decoded = (script_name if isinstance(script_name, str) else "") + (path_info if isinstance(path_info, str) else "")
    path = quote(decoded.encode("latin-1", "replace"), safe=_PATH_SAFE) or "/"
    return RequestLine(method_text, path if not isinstance(query, str) or query == "" else f"{path}?{query}")


def asgi_request_line(scope: Mapping[str, object]) -> RequestLine:
    """The raw request line of an ASGI HTTP request: ``scope["method"]`` and ``raw_path`` plus ``query_string``
    (octets as latin-1 characters, as Node reads a request target); without ``raw_path`` (it is optional in the
    ASGI spec) the path is rebuilt from the decoded ``path``."""
    method = scope.get("method")
    raw_path = scope.get("raw_path")
    if isinstance(raw_path, bytes) and raw_path != b"":
        path = raw_path.decode("latin-1")
    else:
        decoded = scope.get("path")
        path = quote(decoded if isinstance(decoded, str) else "/", safe=_PATH_SAFE) or "/"
    query = scope.get("query_string")
    target = path if not isinstance(query, bytes) or query == b"" else f"{path}?{query.decode('latin-1')}"
    return RequestLine(method if isinstance(method, str) else "GET", target)


class MountedTarget(NamedTuple):
    """A raw request target cut at the mount a framework matched: what ``DiscoveryRequest`` takes."""

    base_path: str
    """The raw mount path (``/orgs/acme/scim/v2``)."""
    path: str
    """The raw path after it (``/Schemas/urn%3A…``), or ``""``."""
    query: str
    """The raw query string without ``?``, or ``""``."""
    protocol: str | None
    """``http`` or ``https`` when the target is absolute, else ``None``."""


@functools.lru_cache(maxsize=1024)
def split_mounted_target(target: str, decoded_path: str, decoded_rest: str) -> MountedTarget | None:
    """Cuts a raw request target (``RequestLine.target``) at the mount a framework matched on the decoded path:
    ``decoded_path`` is the whole path as the framework decoded it (Django's ``request.path``, the ASGI
    ``scope["path"]``) and ``decoded_rest`` its catch-all parameter, the part after the mount. ``None`` when
    the mount does not end at a segment boundary of the raw path (see ``raw_mount_path``): the request is
    outside the mount. A pure function of its arguments, remembered for the last 1024 (thread-safe), so that a
    path asked for again costs one lookup, as the TS target handler's remembered plans do."""
    split = split_request_url(target)
    base_path = raw_mount_path(split.pathname, decoded_path, decoded_rest)
    if base_path is None:
        return None
    return MountedTarget(base_path, split.pathname[len(base_path) :], split.query, split.protocol)

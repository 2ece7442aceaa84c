# The entry point of the adapters that see the raw request target: split the target, match the mount (by
# `base_path`, or by the adapter's own matcher where the framework has routed the mount), encode the mount
# path (RFC 3986 §3.3), route, answer. Splitting, mounting, encoding and routing are pure functions of the
# target, so they are done once per distinct target and remembered: the usual request (a path asked for
# before, no query) costs one dict lookup before the answer.
from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, Protocol

from .base_path import BasePathMatcher, MountParamsReader, create_base_path_matcher, create_mount_params_reader
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

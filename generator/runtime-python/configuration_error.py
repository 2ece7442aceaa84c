# A configuration error is a programming error of the operator or of the generator, raised when the
# handler is created (never for a request): it says what is wrong and what would be right.
from __future__ import annotations


class DiscoveryConfigurationError(Exception):
    """Raised by ``create_discovery_handler`` / ``create_target_handler`` for invalid options or documents."""

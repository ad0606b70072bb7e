"""A loopback port that nothing listens on, for a server a test starts (or for one that must
refuse connections)."""

import socket


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]

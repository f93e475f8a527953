"""deploy/nodelay.py: Nagle off on the process's TCP sockets, listening ones included, once."""

import importlib
import socket

import pytest

from deploy import nodelay


def _nodelay(sock: socket.socket) -> int:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


@pytest.fixture
def listener():
    # As Streamlit binds it: protocol 0, so asyncio's own TCP_NODELAY never applies.
    sock = socket.socket(family=socket.AF_INET)
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    yield sock
    sock.close()


def test_a_socket_bound_like_streamlits_starts_with_nagle_on(listener):
    assert listener.proto == 0
    assert _nodelay(listener) == 0


def test_set_nodelay_sets_it_and_leaves_the_descriptor_open(listener):
    assert nodelay.set_nodelay(listener.fileno()) is True
    assert _nodelay(listener) == 1
    listener.getsockname()  # still open: set_nodelay detached, it did not close


def test_connections_accepted_later_inherit_it(listener):
    nodelay.set_nodelay(listener.fileno())
    client = socket.create_connection(listener.getsockname())
    accepted, _ = listener.accept()
    try:
        assert _nodelay(accepted) == 1
    finally:
        accepted.close()
        client.close()


def test_other_descriptors_are_left_alone(tmp_path):
    with open(tmp_path / "f", "w") as f:
        assert nodelay.set_nodelay(f.fileno()) is False
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        assert nodelay.set_nodelay(udp.fileno()) is False
    finally:
        udp.close()


def test_enable_covers_every_open_tcp_socket_once(listener):
    module = importlib.reload(nodelay)  # a fresh process's state
    other = socket.socket(family=socket.AF_INET)
    try:
        assert _nodelay(other) == 0
        assert module.enable() >= 2
        assert _nodelay(listener) == 1 and _nodelay(other) == 1
        assert module.enable() == 0  # once per process
    finally:
        other.close()

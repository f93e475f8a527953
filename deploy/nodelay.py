"""TCP_NODELAY on the Streamlit process's sockets, so a rerun's messages leave when they are ready.

Streamlit (1.67, its Starlette/uvicorn server) binds its listening socket as
`socket.socket(family=...)`, whose protocol number is 0. asyncio turns Nagle's algorithm off only
on sockets whose protocol is `IPPROTO_TCP`, so the websockets it accepts keep Nagle on: after the
first small message of a rerun, every later one waits in the kernel until the reader's delayed ACK
comes back, about 40 ms on Linux, and then all leave at once. A cached rerun that takes 25 ms of
script time reached the reader after about 50 ms (bench/readers.py; README, "Many readers at
once").

`enable()` sets TCP_NODELAY on every TCP socket the process has open, the listening one included;
Linux copies the option to each connection the listener accepts later, so once per process is
enough. It reads `/proc/self/fd` (Linux; elsewhere it does nothing) and touches no Streamlit
internals. It is called by dashboard.py on every run and returns at once after the first.
"""

from __future__ import annotations

import os
import socket
import threading

_lock = threading.Lock()
_done = False


def _tcp_socket_fds() -> list[int]:
    try:
        names = os.listdir("/proc/self/fd")
    except OSError:
        return []
    fds = []
    for name in names:
        try:
            if os.readlink(f"/proc/self/fd/{name}").startswith("socket:"):
                fds.append(int(name))
        except (OSError, ValueError):
            continue  # closed meanwhile
    return fds


def set_nodelay(fd: int) -> bool:
    """TCP_NODELAY on one open file descriptor if it is a TCP stream socket; True if set."""
    try:
        sock = socket.socket(fileno=fd)
    except OSError:
        return False
    try:
        if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.type != socket.SOCK_STREAM:
            return False
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return True
    except OSError:
        return False
    finally:
        sock.detach()  # the descriptor stays open: it belongs to the server


def enable() -> int:
    """Once per process: TCP_NODELAY on every open TCP socket. Returns how many were set (0 after
    the first call)."""
    global _done
    if _done:
        return 0
    with _lock:
        if _done:
            return 0
        count = sum(set_nodelay(fd) for fd in _tcp_socket_fds())
        _done = True
        return count

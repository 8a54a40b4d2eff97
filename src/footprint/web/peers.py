"""Where a request to the review app came from: this computer, another site's page, or a client behind a
reverse proxy the operator named (``serve --trusted-proxy``).

The client's address is what sign-in lock-outs hold back and what the sign-in audit entries record, so it
is the address of the connection itself. A header naming another (``X-Forwarded-For``) is believed only
from a proxy named when the server started: from anyone else it would let any process on the server,
another local account included, name a new client for each password it guesses.
"""

from __future__ import annotations

import ipaddress

from fastapi import FastAPI, Request


def loopback(name: str) -> bool:
    """Whether a host name is this computer: ``localhost`` or a loopback address (``serve --host`` too)."""
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def local(host: str) -> bool:
    """Whether a request's Host header (a name, with or without a port) names this computer."""
    return loopback(host[1:].partition("]")[0] if host.startswith("[") else host.rpartition(":")[0] or host)


def client(request: Request) -> str:
    """The address a request came from (the proxy's client, behind a trusted proxy: ``trust_proxies``);
    "unix socket" over ``serve --socket`` (this account's, or what it relays)."""
    if request.client:
        return request.client.host
    server = request.scope.get("server")
    return "unix socket" if server is not None and server[1] is None else "unknown"


def foreign(request: Request) -> bool:
    """Whether the browser says another site or page sent the request: any cross-site or same-site
    (another port of this computer) fetch; from a browser without Sec-Fetch-Site, an Origin or Referer
    that is not this app's own address. A typed address is Sec-Fetch-Site "none"; the app's own pages
    send no Referer, and their forms Origin "null" (Referrer-Policy no-referrer)."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site in ("cross-site", "same-site")
    own = f"{request.url.scheme}://{request.headers.get('host', '')}"
    origin = request.headers.get("origin", "null")
    referer = request.headers.get("referer")
    return origin not in ("null", own) or (
        referer is not None and referer != own and not referer.startswith(own + "/")
    )


def proxy_address(text: str) -> str:
    """A ``--trusted-proxy`` as given: an IP address or network (``10.0.0.2``, ``10.0.0.0/24``); anything
    else (a host name, ``*``) is refused with what to give instead."""
    try:
        if "/" in text:
            return str(ipaddress.ip_network(text.strip(), strict=False))
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        raise ValueError(
            f"{text!r} is not an IP address or network; give the address the TLS proxy connects to this"
            " server from, e.g. 10.0.0.2 (or a network, e.g. 10.0.0.0/24)"
        ) from None


def trust_proxies(app: FastAPI, proxies: tuple[str, ...]) -> None:
    """Believe ``X-Forwarded-For`` and ``X-Forwarded-Proto`` on connections from ``proxies`` only: the
    client is then the nearest address in the chain that is not one of them (uvicorn's own reading)."""
    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

    app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(proxies))

"""The HTTP layer under the openai client: cache, bounded retries and an adaptive limit.

One ``httpx.Client`` subclass does three things for every model request, below the
openai client and above the network (and above vcrpy, which patches the transport):

1. **Cache.** A response already in the user's SQLite cache is returned without a
   request (``response_cache``); a new successful one is stored.
2. **Faults.** A 429, 500, 502, 503 or 504, a timeout, a reset connection, a
   truncated body or a reply that is not a JSON completion is retried with
   exponential backoff, honouring ``Retry-After``, at most ``RetryPolicy.attempts``
   times in all; then the request fails with one line naming the cause.
3. **Concurrency.** At most ``limit`` requests are in flight. On 429 or 503 the limit
   halves; after ``limit`` successes in a row it grows by one, never above the
   ``-j`` the user asked for (additive increase, multiplicative decrease).
"""

from __future__ import annotations

import contextlib
import email.utils
import json
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx2 as httpx  # openai>=3 sends through httpx2 (the same API as httpx)

from summarizer.errors import ModelError, find_in_chain
from summarizer.llm.providers.response_cache import CachedResponse, ResponseCache, request_key

_JITTER = random.Random()
"""Private: the process-wide ``random`` is seeded and drawn from by langdetect."""
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
OVERLOAD_STATUSES = frozenset({429, 503})


class ServerFault(ModelError):
    """The model server kept failing after every allowed attempt."""


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently a failing request is retried."""

    attempts: int = 4
    """Tries in all, the first included."""
    base_delay: float = 1.0
    max_delay: float = 30.0
    max_retry_after: float = 120.0
    """A server asking to wait longer than this is waited for this long."""

    def backoff(self, attempt: int) -> float:
        """Exponential with jitter: 1, 2, 4 ... seconds (times 0.5–1.0)."""
        return min(self.max_delay, self.base_delay * 2**attempt) * _JITTER.uniform(0.5, 1.0)


@dataclass
class CallStats:
    """What a run sent: requests made, answers from the cache, retries."""

    sent: int = 0
    cached: int = 0
    retried: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def count(self, name: str) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + 1)


class AdaptiveLimit:
    """At most ``limit`` requests at once; AIMD between 1 and ``ceiling``."""

    def __init__(self, ceiling: int) -> None:
        self.ceiling = max(1, ceiling)
        self.limit = self.ceiling
        self.in_flight = 0
        self.peak = 0
        self.lowest = self.ceiling
        self._successes = 0
        self._condition = threading.Condition()

    @contextlib.contextmanager
    def slot(self) -> Iterator[None]:
        with self._condition:
            while self.in_flight >= self.limit:
                self._condition.wait()
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
        try:
            yield
        finally:
            with self._condition:
                self.in_flight -= 1
                self._condition.notify_all()

    def overloaded(self) -> None:
        with self._condition:
            self.limit = max(1, self.limit // 2)
            self.lowest = min(self.lowest, self.limit)
            self._successes = 0

    def succeeded(self) -> None:
        with self._condition:
            self._successes += 1
            if self.limit < self.ceiling and self._successes >= self.limit:
                self.limit += 1
                self._successes = 0
                self._condition.notify_all()


def retry_after_seconds(response: httpx.Response) -> float | None:
    """The wait a server asks for, in seconds or as an HTTP date; None if absent."""
    value = response.headers.get("retry-after")
    if not value:
        return None
    with contextlib.suppress(ValueError):
        return max(0.0, float(value))
    with contextlib.suppress(TypeError, ValueError):
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, when.timestamp() - time.time())
    return None


def _is_completion(body: bytes) -> bool:
    try:
        data = json.loads(body)
    except ValueError:
        return False
    return isinstance(data, dict) and isinstance(data.get("choices"), list)


class ModelHttpClient(httpx.Client):
    """The openai client's HTTP client: cache, retries and the adaptive limit."""

    def __init__(
        self,
        *,
        backend: str,
        cache: ResponseCache | None = None,
        read_cache: bool = True,
        limit: AdaptiveLimit | None = None,
        policy: RetryPolicy | None = None,
        stats: CallStats | None = None,
        route: Callable[[], str] | None = None,
        **kwargs: Any,
    ) -> None:
        """``route``, when given, returns the base URL a request that the cache does not
        answer goes to (the embedded server, started on first use)."""
        super().__init__(**kwargs)
        self.route = route
        self.backend = backend
        self.cache = cache
        self.read_cache = read_cache
        self.limit = limit or AdaptiveLimit(1)
        self.policy = policy or RetryPolicy()
        self.stats = stats or CallStats()

    def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        if request.method != "POST":
            return super().send(request, **kwargs)
        body = request.read()
        key = request_key(self.backend, request.url.path, body)
        if self.cache is not None and self.read_cache:
            hit = self.cache.get(key)
            if hit is not None:
                self.stats.count("cached")
                return httpx.Response(
                    hit.status, headers={"content-type": hit.content_type},
                    content=hit.body, request=request,
                )  # fmt: skip
        if self.route is not None:
            live = httpx.URL(self.route())
            request.url = request.url.copy_with(scheme=live.scheme, host=live.host, port=live.port)
        response = self._send_with_retries(request, **kwargs)
        if self.cache is not None and response.status_code == 200:
            model = str(json.loads(body).get("model", "")) if body else ""
            content_type = response.headers.get("content-type", "application/json")
            self.cache.put(key, self.backend, model,
                           CachedResponse(200, content_type, response.content))  # fmt: skip
        return response

    def _send_with_retries(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        fault = "no attempt made"
        for attempt in range(self.policy.attempts):
            wait: float | None = None
            with self.limit.slot():
                self.stats.count("sent")
                try:
                    response = super().send(request, **kwargs)
                    response.read()
                except httpx.TimeoutException as error:
                    fault = f"no answer in time ({type(error).__name__})"
                except httpx.TransportError as error:
                    fault = f"connection failed ({type(error).__name__}: {error or 'no detail'})"
                else:
                    status = response.status_code
                    if status in RETRY_STATUSES:
                        fault = f"HTTP {status} {response.reason_phrase}".strip()
                        wait = retry_after_seconds(response)
                        if status in OVERLOAD_STATUSES:
                            self.limit.overloaded()
                    elif status == 200 and not _is_completion(response.content):
                        fault = "the reply was not a JSON completion (truncated or another format)"
                    else:
                        if status == 200:
                            self.limit.succeeded()
                        return response
            if attempt + 1 < self.policy.attempts:
                self.stats.count("retried")
                delay = self.policy.backoff(attempt) if wait is None else wait
                time.sleep(min(delay, self.policy.max_retry_after))
        raise ServerFault(f"model server failed {self.policy.attempts} times, last: {fault}")


def find_fault(error: BaseException) -> ServerFault | None:
    """The ServerFault inside an exception chain (the openai client and instructor
    wrap what the HTTP layer raises)."""
    return find_in_chain(error, ServerFault)

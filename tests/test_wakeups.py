"""deploy/wakeups.py: one event-loop wake-up per burst of enqueued messages, none lost."""

import asyncio
import importlib
import threading

import pytest

from deploy import wakeups


class Loop:
    """Stands in for the event loop: counts and queues call_soon_threadsafe callbacks."""

    def __init__(self):
        self.scheduled = []

    def call_soon_threadsafe(self, callback):
        self.scheduled.append(callback)

    def run_pending(self):
        pending, self.scheduled = self.scheduled, []
        for callback in pending:
            callback()


class Event:
    def __init__(self):
        self.is_set = False

    def set(self):
        self.is_set = True


class AsyncObjects:
    def __init__(self):
        self.eventloop = Loop()
        self.need_send_data = Event()


def make_runtime_class():
    class Runtime:
        def __init__(self):
            self.objs = AsyncObjects()

        def _get_async_objs(self):
            return self.objs

        def _enqueued_some_message(self):  # Streamlit's shape: one wake-up per message
            async_objs = self._get_async_objs()
            async_objs.eventloop.call_soon_threadsafe(async_objs.need_send_data.set)

    return Runtime


@pytest.fixture
def module():
    return importlib.reload(wakeups)


@pytest.fixture
def runtime(module):
    """An instance of a stand-in Runtime with the coalescing method installed."""
    cls = make_runtime_class()
    module.coalesce(cls)
    return cls()


def test_installs_once(module):
    cls = make_runtime_class()
    assert module.coalesce(cls) is True
    assert cls._enqueued_some_message is module._enqueued_some_message
    assert module.coalesce(cls) is False


def test_a_burst_schedules_one_wake_up_and_sets_the_event(runtime):
    for _ in range(50):
        runtime._enqueued_some_message()
    assert len(runtime.objs.eventloop.scheduled) == 1
    assert not runtime.objs.need_send_data.is_set
    runtime.objs.eventloop.run_pending()
    assert runtime.objs.need_send_data.is_set


def test_a_message_after_the_wake_up_schedules_the_next(runtime):
    runtime._enqueued_some_message()
    runtime.objs.eventloop.run_pending()
    runtime.objs.need_send_data.is_set = False  # the loop flushed and cleared it
    runtime._enqueued_some_message()
    assert len(runtime.objs.eventloop.scheduled) == 1
    runtime.objs.eventloop.run_pending()
    assert runtime.objs.need_send_data.is_set


def test_a_closed_loop_raises_and_leaves_no_flag(runtime):

    def closed(_callback):
        raise RuntimeError("Event loop is closed")

    runtime.objs.eventloop.call_soon_threadsafe = closed
    with pytest.raises(RuntimeError):
        runtime._enqueued_some_message()
    runtime.objs.eventloop = Loop()
    runtime._enqueued_some_message()
    assert len(runtime.objs.eventloop.scheduled) == 1


def test_a_different_streamlit_is_left_alone(module):
    class Other:
        def _get_async_objs(self):
            return None

        def _enqueued_some_message(self):
            pass

    original = Other._enqueued_some_message
    assert module.coalesce(Other) is False
    assert Other._enqueued_some_message is original


def test_streamlits_runtime_has_the_shape_it_replaces():
    from streamlit.runtime.runtime import Runtime

    assert hasattr(Runtime, "_get_async_objs")
    method = Runtime._enqueued_some_message
    # Already replaced if a test ran dashboard.py in this process (AppTest); else Streamlit's own.
    assert method.__module__ == "deploy.wakeups" or wakeups._looks_like_streamlits(method)


def test_no_message_waits_on_a_real_loop_with_many_threads(runtime):
    """Real asyncio loop, several enqueuing threads: every burst ends with the event set."""
    loop = asyncio.new_event_loop()
    runtime.objs.eventloop = loop
    runtime.objs.need_send_data = asyncio.Event()
    woken = []

    async def flusher(rounds):
        for _ in range(rounds):
            await asyncio.wait_for(runtime.objs.need_send_data.wait(), 5)
            runtime.objs.need_send_data.clear()
            woken.append(1)
            await asyncio.sleep(0.001)

    def burst():
        for _ in range(200):
            runtime._enqueued_some_message()

    async def main():
        for _ in range(20):
            task = asyncio.create_task(flusher(1))
            threads = [threading.Thread(target=burst) for _ in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                await asyncio.to_thread(t.join)
            await task  # times out (fails) if the burst's wake-up was lost

    try:
        loop.run_until_complete(main())
    finally:
        loop.close()
    assert len(woken) == 20

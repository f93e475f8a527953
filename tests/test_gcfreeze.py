"""deploy/gcfreeze.py: after a run that imported modules, what survives is frozen, once."""

import gc
import importlib
import sys
import types
import weakref

import pytest

from deploy import gcfreeze


@pytest.fixture
def fresh():
    module = importlib.reload(gcfreeze)
    gc.unfreeze()
    yield module
    gc.unfreeze()


@pytest.fixture
def settled(fresh):
    fresh.settle()  # the first run
    return fresh


def test_the_first_call_waits_and_the_second_freezes_what_survives(fresh):
    assert fresh.settle() is False  # a process's first run: the first open, not slowed by a collection
    assert gc.get_freeze_count() == 0
    assert fresh.settle() is True
    assert gc.get_freeze_count() > 0


def test_no_new_module_no_freeze(settled):
    fresh = settled
    fresh.settle()
    frozen = gc.get_freeze_count()
    kept = [[i] for i in range(1000)]  # new long-lived objects, but no import
    assert fresh.settle() is False
    assert gc.get_freeze_count() == frozen
    assert kept


def test_an_import_freezes_again(settled, monkeypatch):
    fresh = settled
    fresh.settle()
    frozen = gc.get_freeze_count()
    kept = [[i] for i in range(1000)]
    monkeypatch.setitem(sys.modules, "_gcfreeze_probe", types.ModuleType("_gcfreeze_probe"))
    assert fresh.settle() is True
    assert gc.get_freeze_count() >= frozen + 1000
    assert kept


def test_garbage_is_collected_before_it_could_be_frozen(settled):
    fresh = settled
    class Node:
        pass

    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle: only the collector frees it
    alive = weakref.ref(a)
    del a, b
    assert alive() is not None
    fresh.settle()
    assert alive() is None  # collected, not frozen (a frozen cycle would never be freed)

"""Name -> class registries with explicit, stable names and duplicate checks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, Generic, Protocol, TypeVar

from footprint.errors import RegistryError


class Named(Protocol):
    """Anything registered: an explicit stable name and an integer version."""

    name: ClassVar[str]
    version: ClassVar[int]
    description: ClassVar[str]


P = TypeVar("P", bound=Named)


class Registry(Generic[P]):
    """A registry of plugin classes of one kind (parsers, analysers)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._by_name: dict[str, type[P]] = {}

    def register(self, cls: type[P]) -> type[P]:
        """Register ``cls`` under its ``name``; a second class with that name is an error."""
        name = cls.name
        if name in self._by_name:
            raise RegistryError(f"duplicate {self.kind} name {name!r}")
        self._by_name[name] = cls
        return cls

    def get(self, name: str) -> type[P]:
        """Return the class registered as ``name``."""
        try:
            return self._by_name[name]
        except KeyError:
            known = ", ".join(sorted(self._by_name))
            raise RegistryError(f"unknown {self.kind} {name!r}; known {self.kind}s: {known}") from None

    def names(self) -> list[str]:
        """All registered names, sorted."""
        return sorted(self._by_name)

    def __iter__(self) -> Iterator[type[P]]:
        return iter(self._by_name[n] for n in self.names())

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

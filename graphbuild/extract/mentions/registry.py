"""The registry of mention passes, by name.

A pass takes the mentions found so far and the article, and returns the new
list; it never changes a record in place.  Register one with::

    @mention_passes.register("my_pass")
    def my_pass(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]: ...

and name it in the passes an :class:`~graphbuild.extract.ExtractionConfig` chooses (a plugin
package registers one in the entry point group ``graphbuild_mention_passes``).
"""

from __future__ import annotations

from collections.abc import Callable

import catalogue

from graphbuild.extract.found import ArticleContext, Found

MentionPass = Callable[[tuple[Found, ...], ArticleContext], tuple[Found, ...]]

#: Built-in passes and those plugins register in the entry point group ``graphbuild_mention_passes``.
mention_passes = catalogue.create("graphbuild", "mention_passes", entry_points=True)

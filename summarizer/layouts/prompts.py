"""Load a prompt version (`vN/` in the top-level `prompts/` or the project's own) and render it.

A version folder holds ``prompt.toml`` (which calls to make and which record
components each call fills) and Jinja2 templates. The hash of the template files
identifies the version in every output, so an edited template is never mistaken
for the released one.
"""

from __future__ import annotations

import functools
import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

import jinja2

from summarizer import project
from summarizer.errors import UsageError
from summarizer.layouts.base import LAYOUTS
from summarizer.layouts.response_models import LabelActors, SchemaSettings

DEFAULT_PROMPT = "v6"
"""The prompt version ``summarize`` uses unless ``--prompt`` says otherwise."""

COMPONENTS = ("metadata", "summary", "events", "claims", "actor_labels", "framing")


def bundled_prompts_dir() -> Path:
    """The released versions: the repository's top-level ``prompts/``, shipped inside the
    wheel as ``summarizer/prompt_versions`` (in a checkout, a link to ``prompts/``)."""
    return (Path(__file__).resolve().parent.parent / "prompt_versions").resolve()


def prompt_folders(prompts_dir: Path | None = None) -> list[Path]:
    """Where versions are looked up, first match wins: ``prompts_dir`` if given,
    else the project's ``prompts/`` (to override or add versions), then the bundled."""
    if prompts_dir is not None:
        return [prompts_dir]
    return [project.local_prompts_dir(), bundled_prompts_dir()]


@dataclass(frozen=True)
class PromptCall:
    name: str
    template: str
    components: tuple[str, ...]
    max_tokens: int
    layout: str = "items"
    """The layout this call is asked by (``layouts.base.LAYOUTS``)."""
    window: int = 0
    """Sentences per request for a sentence walk (0 = the whole article at once)."""


@dataclass(frozen=True)
class PromptVersion:
    """A released prompt version: its calls, templates and content hash."""

    name: str
    folder: Path
    description: str
    system_template: str
    calls: tuple[PromptCall, ...]
    template_hash: str
    schema: SchemaSettings = field(default_factory=SchemaSettings)
    corpus_call: PromptCall | None = None
    """A call made once per run over all articles (v4: naming the story's actors)."""

    @property
    def layout(self) -> str:
        """The version's layout, named by its calls (every call has the same one; v2's
        and v3's ``items`` and ``sentence_walk`` are one layout)."""
        return self.calls[0].layout if self.calls else "items"

    def _environment(self) -> jinja2.Environment:
        return _environment(self.folder)

    def render_user(self, call: PromptCall, **variables: str) -> list[dict[str, str]]:
        """One user message: a corpus call, over several articles, has no article
        system message."""
        user = self._environment().get_template(call.template).render(**variables)
        return [{"role": "user", "content": user.strip()}]

    def messages(self, call: PromptCall, **variables: str) -> list[dict[str, str]]:
        """The chat messages of one request of ``call``."""
        if call is self.corpus_call:
            return self.render_user(call, **variables)
        return self.render(call, **variables)

    def render(self, call: PromptCall, **variables: str) -> list[dict[str, str]]:
        """Chat messages for ``call`` with the article variables filled in."""
        environment = self._environment()
        user = environment.get_template(call.template).render(**variables)
        system = environment.get_template(self.system_template).render(**variables)
        return [
            {"role": "system", "content": system.strip()},
            {"role": "user", "content": user.strip()},
        ]


@functools.lru_cache(maxsize=32)
def _environment(folder: Path) -> jinja2.Environment:
    """One Jinja environment per version folder: it compiles each template once (it
    still reloads a template whose file changed)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
        autoescape=False,
    )


def list_versions(prompts_dir: Path | None = None) -> list[str]:
    """Names of the prompt versions available, e.g. ["v1", "v2"]."""
    return sorted(
        {
            p.parent.name
            for folder in prompt_folders(prompts_dir)
            for p in folder.glob("*/prompt.toml")
        }
    )


def hash_folder(folder: Path) -> str:
    """sha256 over the names and bytes of every file in a prompt folder (12 hex)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def load_prompt(version: str, prompts_dir: Path | None = None) -> PromptVersion:
    """Load ``prompts/<version>/``.

    Raises:
        UsageError: the version does not exist or its manifest is malformed.
    """
    found = [
        f / version for f in prompt_folders(prompts_dir) if (f / version / "prompt.toml").is_file()
    ]
    if not found:
        known = ", ".join(list_versions(prompts_dir)) or "none"
        raise UsageError(f"unknown prompt version {version!r} (available: {known})")
    folder = found[0]
    manifest_path = folder / "prompt.toml"
    manifest = tomllib.loads(manifest_path.read_text(encoding="utf-8"))
    corpus = manifest.get("corpus")
    return PromptVersion(
        corpus_call=_corpus_call(corpus) if corpus else None,
        name=version,
        folder=folder,
        description=manifest.get("description", ""),
        system_template=manifest["system"],
        calls=_calls(manifest, manifest_path),
        template_hash=hash_folder(folder),
        schema=_schema(manifest.get("schema", {}), manifest_path),
    )


def _calls(manifest: dict[str, Any], manifest_path: Path) -> tuple[PromptCall, ...]:
    """The manifest's calls, each checked by its layout; together they cover the record."""
    calls = []
    for entry in manifest.get("calls", []):
        unknown = set(entry["components"]) - set(COMPONENTS)
        if unknown:
            raise UsageError(f"{manifest_path}: unknown components {sorted(unknown)}")
        call = PromptCall(
            name=entry["name"],
            template=entry["template"],
            components=tuple(entry["components"]),
            max_tokens=int(entry.get("max_tokens", 2000)),
            layout=entry.get("layout", "items"),
            window=int(entry.get("window", 0)),
        )
        if call.layout not in LAYOUTS:
            raise UsageError(f"{manifest_path}: a call's layout is one of {sorted(LAYOUTS)}")
        problem = LAYOUTS[call.layout].check_call(call)
        if problem:
            raise UsageError(f"{manifest_path}: {problem}")
        calls.append(call)
    if len({id(LAYOUTS[call.layout]) for call in calls}) > 1:
        raise UsageError(f"{manifest_path}: every call of a version has the same layout")
    covered = {c for call in calls for c in call.components}
    covered |= {c for call in calls for c in LAYOUTS[call.layout].code_components}
    if covered != set(COMPONENTS):
        raise UsageError(f"{manifest_path}: calls must cover {list(COMPONENTS)}")
    return tuple(calls)


def _corpus_call(corpus: dict[str, Any]) -> PromptCall:
    """A call made once per run over all its articles (v4: naming the story's actors)."""
    return PromptCall(
        name=corpus.get("name", "actors"),
        template=corpus["template"],
        components=(),
        max_tokens=int(corpus.get("max_tokens", 200)),
        layout=corpus.get("layout", "candidates"),
    )


def _schema(schema: dict[str, Any], manifest_path: Path) -> SchemaSettings:
    label_actors = schema.get("label_actors", "free")
    if label_actors not in get_args(LabelActors):
        raise UsageError(f"{manifest_path}: label_actors must be one of {get_args(LabelActors)}")
    return SchemaSettings(
        evidence=schema.get("evidence", "free"),
        max_items=dict(schema.get("max_items", {})),
        label_actors=label_actors,
    )

"""dtdl-lint: validate DTDL v2 and v3 models; lint twins, relationships, JSON Patches and queries against them.

The public API is re-exported here and imported on first use, so `import dtdl_lint` stays cheap.
"""

from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

_API = {
    "load_models": "api",
    "lint_models": "api",
    "lint_repository": "api",
    "lint_value": "api",
    "lint_twin": "api",
    "lint_relationship": "api",
    "lint_patch": "api",
    "lint_query": "api",
    "lint_import": "api",
    "diff_models": "api",
    "migrate_twin": "api",
    "Diagnostic": "diagnostics",
    "Severity": "diagnostics",
    "Code": "diagnostics",
    "ModelSet": "modelset",
}
__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        value = getattr(import_module(f".{_API[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'dtdl_lint' has no attribute {name!r}")

"""What every offline page shares: the vendored vis-network, the page's own script and style, the
Jinja template, JSON that is safe inside a ``<script>``, and the records pyvis builds.

The files are meant for a government intranet without internet: everything they need — the
vis-network library (read from ``chain_graph/assets/vis-network``), the page's script and
style, the data — is inlined, and a Content-Security-Policy forbids every network request.
No ``http://`` or ``https://`` string appears anywhere in the output: URLs inside the
vis-network build and inside provenance texts are written as ``:\\/\\/`` (the same string
for JavaScript and JSON), and the ``sourceMappingURL`` comment is dropped.

pyvis builds the node, edge and option records; the page is our own Jinja template (pyvis's
templates fetch Bootstrap and vis from a CDN). Text from imports is never parsed as HTML:
the data travels as JSON (``<``, ``>``, ``&`` escaped) and the page builds tooltips with
``textContent``.

>>> "https://" in script_json({"source": "public: https://example.org/a"}).unescape()
False
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from chain_graph.assets import VIS_NETWORK_JS
from chain_graph.errors import ChainGraphError

__all__ = [
    "FONT_STACK",
    "SAMPLE_MARK",
    "chinese_part",
    "html_label",
    "neutralise_js",
    "provenance",
    "render",
    "script_json",
    "vis_network_js",
    "vis_records",
]

FONT_STACK = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif'
SAMPLE_MARK = "示例"


def _vis_path() -> Path:
    """The vendored vis-network build: the library's own asset (``chain_graph/assets``)."""
    override = os.environ.get("CHAIN_GRAPH_VIS_JS")
    return Path(override) if override else VIS_NETWORK_JS


@functools.cache
def vis_network_js() -> str:
    """vis-network's standalone build, neutralised for inlining: no source map, no URL strings."""
    path = _vis_path()
    if not path.is_file():
        raise ChainGraphError(
            f"cannot export HTML: vis-network is missing at {path}; run scripts/vendor-vis-network.sh "
            "(or point CHAIN_GRAPH_VIS_JS at vis-network.min.js)"
        )
    text = path.read_text(encoding="utf-8")
    return neutralise_js(re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.MULTILINE))


def neutralise_js(text: str) -> str:
    """Script text safe to inline: no "</script" to end the element early, no spelled-out URL.

    ``:\\/\\/`` is ``://`` to JavaScript inside strings and comments, where the vendored build
    has its URLs (licence header, core-js metadata, one error message); the browser test runs
    the result, so a build where that stopped holding would fail it.
    """
    text = re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)
    return text.replace("://", r":\/\/")


@functools.cache
def _asset(name: str) -> str:
    return (resources.files("chain_graph.export") / "templates" / name).read_text(encoding="utf-8")


@functools.cache
def _env() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("chain_graph.export", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def _finalize(value: Any) -> Any:
    """Escape text for HTML, with "/" as an entity so no URL is spelled out in the page."""
    from markupsafe import Markup, escape

    if isinstance(value, Markup):
        return value
    return Markup(str(escape(value)).replace("/", "&#47;"))


def script_json(data: Any) -> Any:
    """JSON for a ``<script type="application/json">``: nothing that HTML or a URL scan could see."""
    from markupsafe import Markup

    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=str)
    for raw, safe in (("&", r"\u0026"), ("<", r"\u003c"), (">", r"\u003e"), ("/", r"\/")):
        text = text.replace(raw, safe)
    return Markup(text.replace("\u2028", r"\u2028").replace("\u2029", r"\u2029"))


def render(template: str, *, title: str, data: Mapping[str, Any], script: str, **context: Any) -> str:
    from markupsafe import Markup

    return str(
        _env()
        .get_template(template)
        .render(
            title=title,
            font=FONT_STACK,
            css=Markup(re.sub(r"</(style)", r"<\\/\1", _asset("export.css"), flags=re.IGNORECASE)),
            vis_js=Markup(vis_network_js()),
            page_js=Markup(neutralise_js(_asset("common.js") + "\n" + _asset(script))),
            data_json=script_json(data),
            **context,
        )
    )


def provenance(label: str, data: Mapping[str, Any]) -> str:
    return f"{label}来源：{data.get('source') or '未注明'}（截至 {data.get('as_of') or '未注明'}）"


def html_label(text: str) -> str:
    """Text for a vis ``multi: "html"`` label, whose only entities are &lt; and &amp;."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


def vis_records(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], options: dict[str, Any]) -> dict[str, Any]:
    """Nodes, edges and options as pyvis builds them (directed: arrows on, no O(n²) duplicate check)."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="local")
    for node in nodes:
        attrs = {k: v for k, v in node.items() if k not in ("id", "label", "shape")}
        net.add_node(node["id"], label=node.get("label") or " ", shape=node.get("shape", "box"), **attrs)
    known = set(net.node_ids)
    for edge in edges:
        if edge["from"] in known and edge["to"] in known:
            net.add_edge(edge["from"], edge["to"], **{k: v for k, v in edge.items() if k not in ("from", "to")})
    net.options = options
    out_nodes, out_edges, _heading, _height, _width, options_json = net.get_network_data()
    return {"nodes": out_nodes, "edges": out_edges, "options": json.loads(options_json)}


def chinese_part(text: str) -> str:
    """ "中文 / English" → "中文" (the analysis explains itself in both)."""
    return text.split(" / ", 1)[0]

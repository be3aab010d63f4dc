"""The FastAPI application: ``create_app(settings)``.

The lifespan opens the store once per process (``open_store``: for Neo4j, the one driver of
the process) and closes it at shutdown; routes reach it through :data:`api.deps.StoreDep`, from
the :class:`~api.store_gate.StoreGate` in ``app.state.store_gate``. The API starts when the
store is down (Neo4j stopped): it answers 503 with Retry-After while it is, and opens the store
by itself once it answers. Settings are read in :func:`create_app`, never at import.

Open without a key: ``/healthz``, ``/readyz``, ``/`` (the page), ``/static/*``,
``/openapi.json`` and ``/docs`` (Swagger UI served from ``api/static/vendor/swagger-ui``, so
it works without internet access).

The page keeps the admin's key in ``localStorage``, so it and its files are served with a
strict Content-Security-Policy (:data:`PAGE_CSP`): scripts only from this server, no inline
script, no ``eval``, no connection elsewhere, no framing. (Styles may be inline: vis-network
injects its stylesheet.) ``/docs`` is Swagger UI's own page, whose inline start-up script
needs a looser policy (:data:`DOCS_CSP`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from api.errors import install_error_handlers
from api.routes import api_router
from api.store_gate import StoreGate
from chain_graph import __version__
from chain_graph.analysis import AnalysisConfig
from chain_graph.appraisal import load_appraisal_config
from chain_graph.assets import VIS_NETWORK_DIR
from chain_graph.cache import RevisionCache
from chain_graph.config import Settings, get_settings
from chain_graph.keys import KeyCache
from chain_graph.store import Store, open_store

__all__ = ["DOCS_CSP", "PAGE_CSP", "STATIC_DIR", "create_app"]

STATIC_DIR = Path(__file__).parent / "static"
SWAGGER_DIR = "/static/vendor/swagger-ui"
VIS_NETWORK_URL = "/static/vendor/vis-network"
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
DOCS_CSP = PAGE_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")

DESCRIPTION = """
**招商一张图** 产业链知识图谱 API —— 产业链、环节、企业、缺链分析、目标企业、一对一招商专案与考核指标。

The API of the industrial-chain knowledge graph behind Quanzhou's investment-promotion map:
chains, segments, companies, gap analysis (缺链 / 弱链 / 延链), ranked candidate companies,
one-to-one targeting plans with their audit trail, and KPIs.

* **Auth**: `X-API-Key: <key>` or `Authorization: Bearer <key>`. Roles: viewer (reads) <
  planner (writes) < admin (imports, keys). Open: `/healthz`, `/readyz`, `/`, `/static/*`,
  `/openapi.json`, `/docs`.
* **Errors** always read `{"error": {"code", "message", "field"}}`.
* **Lists** read `{"data": [...], "count": <total>}` with `offset` and `limit` (≤ 500).
* **Plans**: writes send the version read (`If-Match: "<version>"` or `version` in the body);
  a stale one is 409.
"""

TAGS = [
    {"name": "health", "description": "存活与就绪 / liveness and readiness (open)"},
    {"name": "keys", "description": "API 密钥 / API keys (admin) and the calling key"},
    {"name": "chains", "description": "产业链 / industrial chains"},
    {"name": "graph", "description": "产业链图谱 / a chain's graph for vis-network"},
    {"name": "analysis", "description": "缺链分析、目标企业、落地模拟 / gaps, candidates, what-if, completeness"},
    {"name": "segments", "description": "环节 / segments and their firms"},
    {"name": "regions", "description": "县（市、区）/ counties of the home region"},
    {"name": "companies", "description": "企业 / companies: search and detail"},
    {"name": "plans", "description": "一对一招商专案 / targeting plans"},
    {"name": "kpis", "description": "考核指标 / KPIs"},
    {"name": "growth", "description": "本地企业增资扩产与上市后备 / local firms' growth"},
    {"name": "parks", "description": "园区与用地、项目综合研判 / parks and land, project appraisal"},
    {"name": "imports", "description": "数据导入 / bundle imports (admin)"},
]


def create_app(settings: Settings | None = None, *, store: Store | None = None) -> FastAPI:
    """The application. ``store``: use this open store instead of opening one (tests); the
    caller then closes it."""
    settings = settings or get_settings()
    gate = StoreGate(store=store) if store is not None else StoreGate(lambda: open_store(settings))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await gate.open_at_start()
        try:
            yield
        finally:
            gate.close()

    app = FastAPI(
        title="chain-graph 招商一张图 API",
        description=DESCRIPTION,
        version=__version__,
        openapi_tags=TAGS,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store_gate = gate
    app.state.cache = RevisionCache(size=512)
    app.state.key_cache = KeyCache()
    app.state.analysis_config = AnalysisConfig(home_region=settings.home_region)
    app.state.appraisal_config = load_appraisal_config(settings.appraisal_config)
    install_error_handlers(app)
    app.include_router(api_router)
    _add_page_and_docs(app)
    return app


def _add_page_and_docs(app: FastAPI) -> None:
    # vis-network is the library's asset (chain_graph/assets); served at the page's old address
    app.mount(VIS_NETWORK_URL, StaticFiles(directory=VIS_NETWORK_DIR, check_dir=False), name="vis-network")
    app.mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static")

    @app.middleware("http")
    async def content_security_policy(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        path = request.url.path
        if path == "/" or path.startswith("/static/") or path == "/docs":
            response.headers["Content-Security-Policy"] = DOCS_CSP if path == "/docs" else PAGE_CSP
            response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    @app.get("/", include_in_schema=False)
    def page() -> Response:
        index = STATIC_DIR / "index.html"
        if index.is_file():
            return FileResponse(index, media_type="text/html; charset=utf-8")
        return HTMLResponse(
            "<!doctype html><meta charset=utf-8><title>chain-graph</title>"
            "<p>招商一张图: the page is not installed. API docs: <a href=/docs>/docs</a></p>"
        )

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        # the app from the request, not from a closure: FastAPI keeps every endpoint it has seen in
        # a process-wide cache (4,096 entries), and an endpoint holding its app kept each app alive
        served: FastAPI = request.app
        return get_swagger_ui_html(
            openapi_url=served.openapi_url or "/openapi.json",
            title=f"{served.title} — docs",
            swagger_js_url=f"{SWAGGER_DIR}/swagger-ui-bundle.js",
            swagger_css_url=f"{SWAGGER_DIR}/swagger-ui.css",
            swagger_favicon_url=f"{SWAGGER_DIR}/favicon-32x32.png",
            swagger_ui_parameters={"persistAuthorization": True},
        )

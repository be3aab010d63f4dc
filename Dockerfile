# The chain-graph API. Built by docker-compose.yml; runs with the Neo4j store there.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    CHAIN_GRAPH_DATA_DIR=/data
WORKDIR /app
# printed reports (chain-graph report, /reports/*) embed a TrueType CJK font: see scripts/install-report-tools.sh
RUN apt-get update && apt-get install -y --no-install-recommends fonts-wqy-microhei \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY chain_graph ./chain_graph
COPY api ./api
COPY seed_data ./seed_data
RUN pip install . && useradd --system --home /app chain && mkdir -p /data && chown chain /data
USER chain
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --retries=5 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/readyz').status == 200 else 1)"
CMD ["chain-graph", "serve", "--host", "0.0.0.0", "--port", "8000"]

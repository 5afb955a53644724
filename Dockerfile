# One image for web, worker and beat. Build: docker compose build
FROM python:3.11-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH="/opt/venv/bin:$PATH"

# WeasyPrint needs Pango and HarfBuzz's subsetter; DejaVu gives the PDFs a font with every accent.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
       fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && pip install --no-cache-dir "uv>=0.9,<1" \
    && useradd --create-home --uid 1000 honingraat

WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
RUN SECRET_KEY=alleen-voor-collectstatic HONINGRAAT_VAR=/app/var python manage.py collectstatic --noinput -v 0 \
    && mkdir -p /app/var/media /app/var/bijlagen && chown -R honingraat /app/var

USER honingraat
EXPOSE 8000
CMD ["gunicorn", "honingraat.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--threads", "4", "--access-logfile", "-"]

#!/bin/sh
# Written by `perfdoc init --schedule`: prints this morning's figures on standard output for
# `perfdoc new daily --figures -`. Fill it in with the call to your monitoring; the scheduled
# workflow passes secrets to it as environment variables (APM_API_KEY).
#
# Figures are JSON, YAML or CSV of catalog keys to values:
#   {"uptime_pct": 99.95, "error_rate_pct": 0.2, "success_rate_pct": 99.1, "p95_ms": 285}
# or a New Relic NRQL result / Prometheus query response as it comes, mapped in book.toml
# ([preprocessor.perfdoc.figures.newrelic] / [preprocessor.perfdoc.figures.prometheus]), e.g.
#
#   curl -sS --fail https://api.newrelic.com/graphql \
#     -H "API-Key: $APM_API_KEY" -H 'Content-Type: application/json' \
#     -d '{"query":"{ actor { account(id: 1234567) { nrql(query: \"SELECT average(duration), percentile(duration, 95) FROM Transaction SINCE 1 day ago\") { results } } } }"}'
set -eu
echo "scripts/perfdoc-figures.sh: not filled in yet; make it print the morning's figures" >&2
exit 1

#!/usr/bin/env bash
# The topology of deploy/compose.yaml without Docker, from Debian's packages: a PostgreSQL cluster, two
# EventTracker instances on it, nginx in front and Prometheus scraping both, all on 127.0.0.1, in a temporary folder.
#   deploy/run-local.sh start PUBLISH_FOLDER   # prints export lines: EVENTTRACKER_URL (nginx), _A and _B, EVENTTRACKER_KEY, PROMETHEUS_URL
#   deploy/run-local.sh check                  # a write through nginx, read on each instance; the page at / through nginx;
#                                              # Prometheus has both instances' request counters
#   deploy/run-local.sh stop
# Installs postgresql, nginx and prometheus with apt when missing (as root, like CI).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${EVENTTRACKER_LOCAL_DIR:-${TMPDIR:-/tmp}/eventtracker-local}"

free_port() {
  local port=$((20000 + RANDOM % 20000))
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

wait_ready() {
  for _ in $(seq 1 150); do
    if curl -fsS "$1/health/ready" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  echo "not ready: $1" >&2
  return 1
}

case "${1:-}" in
  start)
    publish="$(cd "${2:?usage: deploy/run-local.sh start PUBLISH_FOLDER}" && pwd)"
    command -v nginx >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light) >/dev/null
    command -v curl >/dev/null || (apt-get update -qq && apt-get install -y -qq curl) >/dev/null
    command -v prometheus >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus) >/dev/null
    "$0" stop >/dev/null 2>&1 || true
    mkdir -p "$dir"
    eval "$(EVENTTRACKER_PG_DIR="$dir/pg" "$root/.ci/postgres" start)"
    psql_conn="$EVENTTRACKER_TEST_POSTGRES"
    database="Host=127.0.0.1;Port=$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$psql_conn");Username=postgres;Database=postgres;Maximum Pool Size=40"
    key="local-$(date +%s%N)"
    urls=()
    metrics=()
    for name in a b; do
      port="$(free_port)"
      metrics_port="$(free_port)"
      # From the publish folder, like the image (WORKDIR /app): the content root holds appsettings.json and the
      # page (wwwroot). nginx on this host reaches the instances from 127.0.0.1: their one known proxy.
      (cd "$publish" && exec env Storage__Provider=postgres ConnectionStrings__EventTracker="$database" ASPNETCORE_ENVIRONMENT=Production \
        Auth__ApiKeys__0__Name=local-editor Auth__ApiKeys__0__Key="$key" Auth__ApiKeys__0__Role=admin RateLimits__Enabled=false \
        ForwardedHeaders__KnownProxies__0=127.0.0.1 Observability__MetricsUrl="http://127.0.0.1:$metrics_port" \
        nohup dotnet EventTracker.Api.dll --urls "http://127.0.0.1:$port") >"$dir/api-$name.log" 2>&1 &
      echo $! >"$dir/api-$name.pid"
      urls+=("http://127.0.0.1:$port")
      metrics+=("127.0.0.1:$metrics_port")
    done
    wait_ready "${urls[0]}"
    wait_ready "${urls[1]}"
    front="$(free_port)"
    sed -e "s/server api-a:8080/server ${urls[0]#http:\/\/}/" -e "s/server api-b:8080/server ${urls[1]#http:\/\/}/" \
        -e "s/listen 8080;/listen 127.0.0.1:$front;/" "$root/deploy/nginx.conf" |
      sed -e "1i pid $dir/nginx.pid; error_log $dir/nginx-error.log;" \
          -e "s|^http {|http {\n    access_log $dir/nginx-access.log;\n    client_body_temp_path $dir/nginx-body;\n    proxy_temp_path $dir/nginx-proxy;|" >"$dir/nginx.conf"
    nginx -c "$dir/nginx.conf" -p "$dir"
    wait_ready "http://127.0.0.1:$front"
    # Debian's prometheus (not its service: a process of our own) scrapes both instances' metrics listeners every second.
    prometheus_port="$(free_port)"
    sed -e 's/scrape_interval: 5s/scrape_interval: 1s/' \
        -e "s/targets: \[\"api-a:9464\", \"api-b:9464\"\]/targets: [\"${metrics[0]}\", \"${metrics[1]}\"]/" \
        "$root/deploy/prometheus.yml" >"$dir/prometheus.yml"
    grep -q "${metrics[1]}" "$dir/prometheus.yml" || { echo "prometheus.yml: the scrape targets were not replaced" >&2; exit 1; }
    nohup prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/prometheus" \
      --web.listen-address="127.0.0.1:$prometheus_port" >"$dir/prometheus.log" 2>&1 &
    echo $! >"$dir/prometheus.pid"
    for _ in $(seq 1 100); do
      curl -fsS "http://127.0.0.1:$prometheus_port/-/ready" >/dev/null 2>&1 && break
      sleep 0.2
    done
    curl -fsS "http://127.0.0.1:$prometheus_port/-/ready" >/dev/null || { echo "prometheus did not start: see $dir/prometheus.log" >&2; exit 1; }
    {
      echo "export EVENTTRACKER_URL=http://127.0.0.1:$front"
      echo "export EVENTTRACKER_URL_A=${urls[0]}"
      echo "export EVENTTRACKER_URL_B=${urls[1]}"
      echo "export EVENTTRACKER_KEY=$key"
      echo "export PROMETHEUS_URL=http://127.0.0.1:$prometheus_port"
    } | tee "$dir/env"
    ;;
  check)
    # shellcheck disable=SC1091
    source "$dir/env"
    id=$(curl -fsS -X POST "$EVENTTRACKER_URL/api/v1/organizations" -H "X-Api-Key: $EVENTTRACKER_KEY" -H 'Content-Type: application/json' \
      -d '{"name":"Local check state","kind":"state","countryCode":"BE"}' | sed 's/.*"id":\([0-9]*\).*/\1/')
    for url in "$EVENTTRACKER_URL_A" "$EVENTTRACKER_URL_B" "$EVENTTRACKER_URL"; do
      curl -fsS "$url/api/v1/organizations/$id" >/dev/null
    done
    echo "organization $id written through nginx and read on both instances"
    # The page at / (wwwroot in the content root) through nginx, and JSON logs (the published appsettings.json):
    # both say the instances run from their publish folder.
    page_type=$(curl -fsS -o "$dir/page.html" -w '%{content_type}' "$EVENTTRACKER_URL/") || { echo "the page at / did not load through nginx" >&2; exit 1; }
    if [[ "$page_type" != text/html* ]] || ! grep -qi '<html' "$dir/page.html"; then
      echo "the page at / through nginx is not HTML: $page_type" >&2
      exit 1
    fi
    for name in a b; do
      if ! head -n 1 "$dir/api-$name.log" | grep -q '^{'; then
        echo "instance $name does not log JSON: the published appsettings.json was not loaded" >&2
        exit 1
      fi
    done
    echo "the page at / loads through nginx; both instances log JSON"
    # Prometheus scraped both instances' request counters (the reads above reached each of them): per instance, the
    # requests to /api/v1/organizations routes. The public port has no /metrics.
    query='sum by (instance) (http_server_request_duration_seconds_count{http_route=~"/api/v1/organizations.*"})'
    instances=0
    for _ in $(seq 1 30); do
      answer=$(curl -fsS -G "$PROMETHEUS_URL/api/v1/query" --data-urlencode "query=$query" || true)
      instances=$( (grep -o '"instance":"[^"]*"' <<<"$answer" || true) | sort -u | wc -l)
      [ "$instances" -ge 2 ] && break
      sleep 1
    done
    if [ "$instances" -lt 2 ]; then
      echo "Prometheus has request counters of $instances instance(s), not both: $answer" >&2
      exit 1
    fi
    posts=$(curl -fsS -G "$PROMETHEUS_URL/api/v1/query" --data-urlencode 'query=sum(http_server_request_duration_seconds_count{http_request_method="POST",http_route=~"/api/v1/organizations.*"})')
    grep -q '"value":\[[^]]*,"[1-9]' <<<"$posts" || { echo "Prometheus has not counted the write through nginx: $posts" >&2; exit 1; }
    for url in "$EVENTTRACKER_URL" "$EVENTTRACKER_URL_A" "$EVENTTRACKER_URL_B"; do
      status=$(curl -s -o /dev/null -w '%{http_code}' "$url/metrics")
      [ "$status" = 404 ] || { echo "$url/metrics answered $status, not 404: metrics belong on their own listener" >&2; exit 1; }
    done
    echo "Prometheus has both instances' request counters and the write; /metrics is 404 on the public ports"
    ;;
  stop)
    [ -f "$dir/nginx.pid" ] && nginx -c "$dir/nginx.conf" -p "$dir" -s stop 2>/dev/null || true
    [ -f "$dir/prometheus.pid" ] && kill "$(cat "$dir/prometheus.pid")" 2>/dev/null || true
    for name in a b; do
      [ -f "$dir/api-$name.pid" ] && kill "$(cat "$dir/api-$name.pid")" 2>/dev/null || true
    done
    EVENTTRACKER_PG_DIR="$dir/pg" "$root/.ci/postgres" stop
    rm -rf "$dir"
    ;;
  *)
    echo "usage: deploy/run-local.sh start PUBLISH_FOLDER | check | stop" >&2
    exit 2
    ;;
esac

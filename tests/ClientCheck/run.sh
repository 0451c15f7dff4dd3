#!/usr/bin/env bash
# The client check: generates a C# client with Kiota and TypeScript types with openapi-typescript from the
# committed openapi/openapi.json, builds a program with each (C#: nullable warnings are errors; TypeScript:
# tsc --strict) and drives the October 2021 scenario through both against the published service.
# Fails when a program reaches for an untyped escape hatch (UntypedNode, AdditionalData; any, unknown, casts)
# or when the generated code needs one for what the scenario reads.
# Usage: tests/ClientCheck/run.sh PUBLISH_FOLDER
set -euo pipefail
publish="$(cd "$1" && pwd)"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tools="${TMPDIR:-/tmp}/eventtracker-ci-tools"
KIOTA_VERSION=1.38.0
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 KIOTA_TUTORIAL_ENABLED=false KIOTA_OFFLINE_ENABLED=true

echo "-- generate"
if [ ! -x "$tools/kiota" ]; then
  dotnet tool install Microsoft.OpenApi.Kiota --version "$KIOTA_VERSION" --tool-path "$tools" >/dev/null
fi
"$tools/kiota" generate --language CSharp --openapi "$root/openapi/openapi.json" --output "$here/csharp/Generated" \
  --class-name EventTrackerClient --namespace-name EventTracker.Client --exclude-backward-compatible --clean-output --log-level Warning
(cd "$here/typescript" && npm ci --no-audit --no-fund --loglevel=error >/dev/null &&
  npx --no-install openapi-typescript "$root/openapi/openapi.json" --output generated/schema.ts >/dev/null)

echo "-- no untyped escape hatches"
status=0
if grep -nE 'UntypedNode|AdditionalData|JsonElement' "$here/csharp/Program.cs"; then
  echo "The C# program reads untyped data." >&2; status=1
fi
if grep -nE 'UntypedNode' -r "$here/csharp/Generated/Models"; then
  echo "A generated C# model has an untyped member: the document leaves a schema open." >&2; status=1
fi
if grep -nE '\bany\b|\bunknown\b|\bas [A-Za-z{]|!\.' "$here/typescript/scenario.ts"; then
  echo "The TypeScript program needs any, unknown, a cast or a non-null assertion." >&2; status=1
fi
# Only the schemas count: openapi-typescript types every response's headers as an open map by design.
if awk '/^    schemas: \{/ { on = 1 } /^    responses:/ { on = 0 } on' "$here/typescript/generated/schema.ts" |
   grep -vE '^\s*(\*|/\*\*|//)' | grep -nE '\bunknown\b|\bany\b'; then
  echo "A generated TypeScript schema leaves a member unknown or any." >&2; status=1
fi
[ "$status" -eq 0 ] || exit "$status"

echo "-- build"
dotnet build "$here/csharp/EventTracker.ClientCheck.csproj" -c Release -nologo -v quiet
(cd "$here/typescript" && npx --no-install tsc -p tsconfig.json)

echo "-- run against the service"
command -v curl >/dev/null || (apt-get update -qq && apt-get install -y -qq curl) >/dev/null
data="$(mktemp -d)"
key="client-check-$(date +%s%N)"
port=$((20000 + RANDOM % 20000))
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
url="http://127.0.0.1:$port"
ASPNETCORE_ENVIRONMENT=Production RateLimits__Enabled=false \
  Auth__ApiKeys__0__Name=client-check Auth__ApiKeys__0__Key="$key" Auth__ApiKeys__0__Role=editor \
  dotnet "$publish/EventTracker.Api.dll" --urls "$url" --ConnectionStrings:EventTracker="Data Source=$data/eventtracker.db" \
  >"$data/service.log" 2>&1 &
service=$!
trap 'kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do
  if curl -fsS "$url/health/ready" >/dev/null 2>&1; then break; fi
  sleep 0.2
done
curl -fsS "$url/health/ready" >/dev/null || { cat "$data/service.log" >&2; exit 1; }

echo "-- C# (Kiota)"
EVENTTRACKER_URL="$url" EVENTTRACKER_KEY="$key" dotnet "$here/csharp/bin/Release/net10.0/EventTracker.ClientCheck.dll"
echo "-- TypeScript (openapi-typescript)"
EVENTTRACKER_URL="$url" EVENTTRACKER_KEY="$key" node "$here/typescript/out/scenario.js"
echo "-- client check passed"

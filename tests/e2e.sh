# e2e.sh: what every end-to-end script starts with (sourced, never run on its
# own): strict mode, the paths CTest hands over, a scratch folder removed on
# exit, and fail().
#   tp   the binary under test ($TPTRIAGE)
#   src  the source tree ($TP_SOURCE_DIR)
#   tmp  a scratch folder
set -euo pipefail
tp=${TPTRIAGE:?path of the binary} src=${TP_SOURCE_DIR:?source tree}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# no test keeps check-ins in the real diary: those about it unset this
export TPTRIAGE_DIARY=off

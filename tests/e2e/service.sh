#!/bin/bash
# The systemd unit for `tptriage serve` (packaging/tptriage.service, in the
# .deb): systemd-analyze verify finds nothing wrong with it (run on a copy
# whose ExecStart names the binary under test), its offline security review
# rates it at most 2.0 ("OK"), and it holds the hardening asked of it.
. "$(dirname "$0")/../e2e.sh"
command -v systemd-analyze > /dev/null || fail "systemd-analyze is needed (package systemd)"
unit=$src/packaging/tptriage.service
[ -f "$unit" ] || fail "no $unit"
sed "s|/usr/bin/tptriage|$tp|" "$unit" > "$tmp/tptriage.service"
systemd-analyze verify --man=no "$tmp/tptriage.service" > "$tmp/verify" 2>&1 ||
  fail "systemd-analyze verify: $(cat "$tmp/verify")"
[ ! -s "$tmp/verify" ] || fail "systemd-analyze verify says: $(cat "$tmp/verify")"
echo "ok: systemd-analyze verify: no complaint"
systemd-analyze security --offline=true --threshold=20 "$tmp/tptriage.service" > "$tmp/security" 2>&1 ||
  fail "exposure above 2.0: $(tail -3 "$tmp/security")"
grep 'Overall exposure level' "$tmp/security"
for d in 'DynamicUser=yes' 'StateDirectory=tptriage' 'ProtectSystem=strict' 'ProtectHome=yes' \
  'NoNewPrivileges=yes' 'PrivateTmp=yes' 'PrivateDevices=yes' 'RestrictAddressFamilies=AF_INET' \
  'SystemCallFilter=@system-service' 'CapabilityBoundingSet=$' 'KillSignal=SIGTERM' \
  'ExecStart=/usr/bin/tptriage serve --listen 127.0.0.1:8080$' 'ExecReload=/bin/kill -HUP'; do
  grep -q "^$d" "$unit" || fail "the unit lacks $d"
done
echo "ok: the unit is hardened (dynamic user, state folder only, no home, no devices, @system-service)"
# the options in ExecStart are serve's own
opts=$(sed -n 's|^ExecStart=/usr/bin/tptriage serve ||p' "$unit")
"$tp" serve $opts --help > /dev/null || fail "ExecStart's options are not serve's: $opts"
echo ok

#!/usr/bin/env bash
# Side-by-side benchmark of the mcalab reference gateway and ocserv, on this machine, in one run.
#
#   bench/compare-ocserv.sh            (as root: it starts ocserv and makes a network namespace)
#
# 1. Mints one test PKI; both gateways use its gateway certificate and trust its machine CA.
# 2. Logins/s: the same client (mcalab load logins --single-cert, one TLS certificate per virtual user, init ->
#    complete) against ocserv (auth = "certificate") and against the mcalab gateway's certificate group (/CERT),
#    both on 127.0.0.1.
# 3. Tunnel throughput: openconnect in a network namespace (veth to this one) and iperf3 through its tun device,
#    up and down, CSTP only (--no-dtls) and with DTLS. ocserv: its certificate group, iperf3 server on ocserv's end
#    of the point-to-point vpns device (this namespace). mcalab: the multiple-certificate group (/MCA, machine and
#    user certificate), the gateway in TUN inside mode (--inside tun) with its device moved into a second
#    namespace as the seed's inside network 192.168.1.1/24, iperf3 server there. Both servers write every client
#    packet to a kernel tun device; the same openconnect binary, script and iperf3 flags on the client side.
#
# Bounded: every measurement lasts COMPARE_SECONDS (default 10) plus set-up; every wait has a timeout. Cleans up on
# any exit (trap): processes it started, the namespace, the veth pair, the work directory. Traffic stays on
# loopback and inside the veth pair it creates. Missing ocserv/openconnect/iperf3 are installed with apt.
# The last line is machine-readable:
#   ratios: cstp_up=R cstp_down=R dtls_up=R dtls_down=R logins=R      (mcalab / ocserv; na where not measured)
set -euo pipefail

PER="${COMPARE_SECONDS:-10}"
CONCURRENCY="${COMPARE_CONCURRENCY:-16}"
WARMUP="${COMPARE_WARMUP:-10}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
MCALAB="${MCALAB:-$root/mcalab}"

if [ "$(id -u)" != 0 ]; then
  echo "compare-ocserv: needs root (ocserv, tun devices, network namespaces)" >&2
  exit 2
fi

work="$(mktemp -d /tmp/mcalab-compare.XXXXXX)"
chmod 711 "$work" # ocserv's workers run as nobody and must reach the sec-mod socket in here
ns="mcacmp$$"
inside_ns="mcains$$"
veth_host="mcah$$"
veth_ns="mcan$$"
host_ip=10.231.77.1
ns_ip=10.231.77.2
pids=()

cleanup() {
  set +e
  for p in "${pids[@]}" $(cat "$work/pids" 2>/dev/null); do kill "$p" 2>/dev/null; done
  if ip netns list 2>/dev/null | grep -qw "$ns"; then
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill "$p" 2>/dev/null; done
    sleep 0.5
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
    ip netns del "$ns" 2>/dev/null
  fi
  ip netns del "$inside_ns" 2>/dev/null
  ip link del "$veth_host" 2>/dev/null
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  if [ -n "${COMPARE_KEEP:-}" ]; then echo "compare-ocserv: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT INT TERM

log() { echo "compare-ocserv: $*" >&2; }

ensure_tools() {
  local missing=()
  command -v ocserv >/dev/null || missing+=(ocserv)
  command -v openconnect >/dev/null || missing+=(openconnect)
  command -v iperf3 >/dev/null || missing+=(iperf3)
  command -v ip >/dev/null || missing+=(iproute2)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v python3 >/dev/null || missing+=(python3)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_for CMD... : retries for up to 30 s
wait_for() {
  local i
  for i in $(seq 1 150); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  return 1
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

json_get() { # FILE KEY -> summary[KEY] or na
  python3 - "$1" "$2" <<'EOF' 2>/dev/null || echo na
import json, sys
d = json.load(open(sys.argv[1]))
v = d.get("summary", {}).get(sys.argv[2])
print("na" if v is None else round(v, 2))
EOF
}

ratio() { # A B -> A/B or na
  python3 - "$1" "$2" <<'EOF'
import sys
a, b = sys.argv[1], sys.argv[2]
try:
    a, b = float(a), float(b)
    print("na" if b == 0 else f"{a / b:.2f}")
except ValueError:
    print("na")
EOF
}

ensure_tools

# --- PKI and CRLs ---------------------------------------------------------------------------------------------
crl_port="$(free_port)"
"$MCALAB" pki init --out "$work/pki" --crl-base-url "http://127.0.0.1:$crl_port/crl/" >&2
python3 -m http.server "$crl_port" --bind 127.0.0.1 --directory "$work/pki" >"$work/crl.log" 2>&1 &
pids+=($!)
wait_for port_open 127.0.0.1 "$crl_port" || { log "CRL server did not start"; exit 2; }

# --- mcalab gateway ---------------------------------------------------------------------------------------------
gw_port="$(free_port)"
"$MCALAB" gateway --config "$work/pki/asa.cfg" --listen "127.0.0.1:$gw_port" --no-admin >"$work/mcalab-gateway.log" 2>&1 &
gw_pid=$!
pids+=("$gw_pid")
wait_for port_open 127.0.0.1 "$gw_port" || { log "mcalab gateway did not start:"; tail -5 "$work/mcalab-gateway.log" >&2; exit 2; }

# --- ocserv -----------------------------------------------------------------------------------------------------
oc_port="$(free_port)"
write_ocserv_conf() { # LISTEN_HOST FILE
  cat >"$2" <<EOF
auth = "certificate"
listen-host = $1
tcp-port = $oc_port
udp-port = $oc_port
run-as-user = nobody
run-as-group = nogroup
socket-file = $work/ocserv.sock
server-cert = $work/pki/gateway.chain.pem
server-key = $work/pki/gateway.key
ca-cert = $work/pki/machine-ca.pem
cert-user-oid = 2.5.4.3
isolate-workers = false
max-clients = 0
max-same-clients = 0
rate-limit-ms = 0
max-ban-score = 0
server-stats-reset-time = 604800
keepalive = 32400
dpd = 90
mobile-dpd = 1800
switch-to-tcp-timeout = 25
try-mtu-discovery = false
cookie-timeout = 300
deny-roaming = false
rekey-time = 172800
rekey-method = ssl
use-occtl = false
pid-file = $work/ocserv.pid
log-level = 1
device = vpns
predictable-ips = true
default-domain = mcalab.test
ipv4-network = 10.232.0.0
ipv4-netmask = 255.255.255.0
route = 10.232.0.0/255.255.255.0
ping-leases = false
cisco-client-compat = true
dtls-legacy = true
EOF
}

start_ocserv() { # LISTEN_HOST
  write_ocserv_conf "$1" "$work/ocserv.conf"
  ocserv -f -c "$work/ocserv.conf" >"$work/ocserv.log" 2>&1 &
  oc_pid=$!
  pids+=("$oc_pid")
  wait_for port_open "$1" "$oc_port" || { log "ocserv did not start:"; tail -5 "$work/ocserv.log" >&2; exit 2; }
}

stop_ocserv() {
  kill "$oc_pid" 2>/dev/null || true
  wait "$oc_pid" 2>/dev/null || true
}

# --- logins/s, same client, single certificate ------------------------------------------------------------------
logins() { # NAME URL PATH [extra args...]
  local name="$1" url="$2" path="$3"
  shift 3
  # closed model: CONCURRENCY logins in flight, each a new user on a new connection; an open model collapses into
  # handshake timeouts once arrivals pass capacity, which measures the collapse, not the gateway
  "$MCALAB" load logins --single-cert --target "$url" --pki "$work/pki" --path "$path" --concurrency "$CONCURRENCY" \
      --warmup "${WARMUP}s" --duration "${PER}s" --out "$work/logins-$name" "$@" >"$work/logins-$name.txt" 2>&1 || true
  json_get "$work/logins-$name/load.json" logins_per_s
}

start_ocserv 127.0.0.1
log "logins: ocserv"
oc_logins="$(logins ocserv "https://127.0.0.1:$oc_port" /)"
oc_failed="$(json_get "$work/logins-ocserv/load.json" logins_failed)"
stop_ocserv
log "logins: mcalab"
mc_logins="$(logins mcalab "https://127.0.0.1:$gw_port" /CERT --gateway-pid "$gw_pid")"
mc_failed="$(json_get "$work/logins-mcalab/load.json" logins_failed)"

# --- tunnel throughput through openconnect + iperf3 (ocserv only) -----------------------------------------------
ip netns add "$ns"
ip link add "$veth_host" type veth peer name "$veth_ns"
ip link set "$veth_ns" netns "$ns"
ip addr add "$host_ip/30" dev "$veth_host"
ip link set "$veth_host" up
ip netns exec "$ns" ip addr add "$ns_ip/30" dev "$veth_ns"
ip netns exec "$ns" ip link set "$veth_ns" up
ip netns exec "$ns" ip link set lo up

# openconnect's connect script: only the tun address and MTU (vpnc-script would edit the host's resolv.conf)
cat >"$work/tun-script.sh" <<'EOF'
#!/bin/sh
case "$reason" in
  connect)
    ip link set dev "$TUNDEV" up mtu "${INTERNAL_IP4_MTU:-1400}"
    ip addr add "$INTERNAL_IP4_ADDRESS/24" dev "$TUNDEV"
    i=0
    while [ "$i" -lt "${CISCO_SPLIT_INC:-0}" ]; do
      eval "addr=\$CISCO_SPLIT_INC_${i}_ADDR"
      eval "len=\$CISCO_SPLIT_INC_${i}_MASKLEN"
      ip route replace "$addr/$len" dev "$TUNDEV"
      i=$((i + 1))
    done
    ;;
esac
exit 0
EOF
chmod +x "$work/tun-script.sh"

start_ocserv "$host_ip"
pin="pin-sha256:$(openssl x509 -in "$work/pki/gateway.pem" -pubkey -noout | openssl pkey -pubin -outform der \
  | openssl dgst -sha256 -binary | base64)"

iperf_mbit() { # SERVER_NS(- = this one) SERVER_IP [-R]: one bounded iperf3 run through the tunnel, Mbit/s received, or na
  local in_ns=()
  [ "$1" != - ] && in_ns=(ip netns exec "$1")
  "${in_ns[@]}" iperf3 -s -B "$2" -1 >/dev/null 2>&1 &
  local srv=$!
  echo "$srv" >>"$work/pids" # this runs in a command substitution: the trap reads the file
  # look, don't touch: a probe connection would be taken for the client by the one-off (-1) server
  wait_for sh -c "${in_ns[*]} ss -ltn | grep -q '$2:5201'" || true
  local t="${IPERF_T:-$PER}"
  ip netns exec "$ns" timeout $((t + 15)) iperf3 -c "$2" -t "$t" ${3:-} -J 2>/dev/null \
    | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]/1e6,1))' \
      2>/dev/null || echo na
  kill "$srv" 2>/dev/null || true
  wait "$srv" 2>/dev/null || true
}

tunnel_run() { # NAME MODE(cstp|dtls) URL SERVER_NS SERVER_IP|peer [openconnect args...]: sets r_up, r_down (Mbit/s or na)
  local name="$1" mode="$2" url="$3" server_ns="$4" server_ip="$5" extra=() oc_log="$work/openconnect-$1-$2.log"
  shift 5
  r_up=na
  r_down=na
  [ "$mode" = cstp ] && extra=(--no-dtls)
  ip netns exec "$ns" openconnect --non-inter --script "$work/tun-script.sh" --interface "mcatun0" \
      --servercert "$pin" "$@" "${extra[@]}" "$url" >"$oc_log" 2>&1 &
  local oc_client=$!
  pids+=("$oc_client")
  if ! wait_for sh -c "ip netns exec '$ns' ip -4 addr show mcatun0 | grep -q inet" \
      || { [ "$mode" = dtls ] && ! wait_for grep -q "Established DTLS connection" "$oc_log"; }; then
    log "$name $mode: tunnel did not come up (see $oc_log with COMPARE_KEEP=1)"
    kill "$oc_client" 2>/dev/null || true; wait "$oc_client" 2>/dev/null || true
    return
  fi
  if [ "$server_ip" = peer ]; then
    # ocserv's side of the point-to-point vpns device that carries this client
    local client_ip
    client_ip="$(ip netns exec "$ns" ip -4 -o addr show mcatun0 | awk '{print $4}' | cut -d/ -f1)"
    server_ip="$(ip -4 -o addr show | awk -v c="$client_ip" '$0 ~ "peer " c {print $4}' | head -1 | cut -d/ -f1)"
  fi
  if [ -n "$server_ip" ]; then
    # warm-up, not counted: the JVM gateway compiles its data path in the first seconds (ocserv gets the same)
    IPERF_T="$WARMUP" iperf_mbit "$server_ns" "$server_ip" >/dev/null
    IPERF_T="$WARMUP" iperf_mbit "$server_ns" "$server_ip" -R >/dev/null
    r_up="$(iperf_mbit "$server_ns" "$server_ip")"
    r_down="$(iperf_mbit "$server_ns" "$server_ip" -R)"
  fi
  kill "$oc_client" 2>/dev/null || true; wait "$oc_client" 2>/dev/null || true
  sleep 1
}

oc_url="https://$host_ip:$oc_port/"
oc_auth=(-c "$work/pki/machine.pem" -k "$work/pki/machine.key")
log "tunnel: ocserv CSTP"
tunnel_run ocserv cstp "$oc_url" - peer "${oc_auth[@]}"
oc_cstp_up="$r_up"; oc_cstp_down="$r_down"
log "tunnel: ocserv DTLS"
tunnel_run ocserv dtls "$oc_url" - peer "${oc_auth[@]}"
oc_dtls_up="$r_up"; oc_dtls_down="$r_down"
stop_ocserv

# --- the mcalab gateway with its TUN inside network, on the veth address --------------------------------------
ip netns add "$inside_ns"
ip netns exec "$inside_ns" ip link set lo up
tun_port="$(free_port)"
"$MCALAB" gateway --config "$work/pki/asa.cfg" --listen "$host_ip:$tun_port" --no-admin \
    --inside tun --tun-name mcacmp0 --inside-netns "$inside_ns" >"$work/mcalab-tun-gateway.log" 2>&1 &
tun_gw_pid=$!
pids+=("$tun_gw_pid")
mc_url="https://$host_ip:$tun_port/MCA"
mc_auth=(-c "$work/pki/machine.pem" -k "$work/pki/machine.key" --mca-certificate "$work/pki/user.pem" --mca-key "$work/pki/user.key")
mc_cstp_up=na; mc_cstp_down=na; mc_dtls_up=na; mc_dtls_down=na
if wait_for port_open "$host_ip" "$tun_port"; then
  log "tunnel: mcalab CSTP"
  tunnel_run mcalab cstp "$mc_url" "$inside_ns" 192.168.1.1 "${mc_auth[@]}"
  mc_cstp_up="$r_up"; mc_cstp_down="$r_down"
  log "tunnel: mcalab DTLS"
  tunnel_run mcalab dtls "$mc_url" "$inside_ns" 192.168.1.1 "${mc_auth[@]}"
  mc_dtls_up="$r_up"; mc_dtls_down="$r_down"
else
  log "mcalab TUN gateway did not start:"; tail -5 "$work/mcalab-tun-gateway.log" >&2
fi
kill "$tun_gw_pid" 2>/dev/null || true
wait "$tun_gw_pid" 2>/dev/null || true
why_na="tunnels: openconnect $(openconnect --version 2>/dev/null | head -1 | awk '{print $NF}') + iperf3 -t $PER each way; mcalab: /MCA login, --inside tun; ocserv: certificate login; kernel defaults (tun txqueuelen 500, socket buffers)"

printf '\n%-22s %14s %14s %10s\n' "measurement" "mcalab" "ocserv" "ratio"
printf '%-22s %14s %14s %10s\n' "logins/s (1 cert)" "$mc_logins" "$oc_logins" "$(ratio "$mc_logins" "$oc_logins")"
printf '%-22s %14s %14s %10s\n' "logins failed" "$mc_failed" "$oc_failed" ""
printf '%-22s %14s %14s %10s\n' "cstp up Mbit/s" "$mc_cstp_up" "$oc_cstp_up" "$(ratio "$mc_cstp_up" "$oc_cstp_up")"
printf '%-22s %14s %14s %10s\n' "cstp down Mbit/s" "$mc_cstp_down" "$oc_cstp_down" "$(ratio "$mc_cstp_down" "$oc_cstp_down")"
printf '%-22s %14s %14s %10s\n' "dtls up Mbit/s" "$mc_dtls_up" "$oc_dtls_up" "$(ratio "$mc_dtls_up" "$oc_dtls_up")"
printf '%-22s %14s %14s %10s\n' "dtls down Mbit/s" "$mc_dtls_down" "$oc_dtls_down" "$(ratio "$mc_dtls_down" "$oc_dtls_down")"
echo "$why_na"
echo "settings: ${PER}s per measurement after ${WARMUP}s warm-up each, logins: $CONCURRENCY in flight after ${WARMUP}s warm-up (same client, --single-cert), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "ratios: cstp_up=$(ratio "$mc_cstp_up" "$oc_cstp_up") cstp_down=$(ratio "$mc_cstp_down" "$oc_cstp_down") dtls_up=$(ratio "$mc_dtls_up" "$oc_dtls_up") dtls_down=$(ratio "$mc_dtls_down" "$oc_dtls_down") logins=$(ratio "$mc_logins" "$oc_logins")"

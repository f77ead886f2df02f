#!/bin/sh
# openconnect --script for the TUN inside-network test: instead of configuring the host, move openconnect's tun
# device into the client namespace ($CLIENT_NS) and configure it there, with the split-include routes the gateway
# sent, so the host's own routing is never touched. openconnect keeps reading and writing the device's descriptor.
case "$reason" in
  connect)
    ip link set dev "$TUNDEV" netns "$CLIENT_NS" || exit 1
    ip -n "$CLIENT_NS" link set dev "$TUNDEV" mtu "${INTERNAL_IP4_MTU:-1400}" up || exit 1
    ip -n "$CLIENT_NS" addr add "$INTERNAL_IP4_ADDRESS/32" dev "$TUNDEV" || exit 1
    i=0
    while [ "$i" -lt "${CISCO_SPLIT_INC:-0}" ]; do
      eval "addr=\$CISCO_SPLIT_INC_${i}_ADDR"
      eval "len=\$CISCO_SPLIT_INC_${i}_MASKLEN"
      ip -n "$CLIENT_NS" route add "$addr/$len" dev "$TUNDEV" || exit 1
      i=$((i + 1))
    done
    echo "$INTERNAL_IP4_ADDRESS" > "$READY_FILE.tmp" && mv "$READY_FILE.tmp" "$READY_FILE"
    ;;
esac
exit 0

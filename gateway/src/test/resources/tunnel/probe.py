#!/usr/bin/env python3
"""Tunnel probe run by openconnect as its --script-tun "device".

openconnect hands IP packets to this process over the datagram socket in VPNFD (one packet per
datagram) and describes the tunnel in the environment (INTERNAL_IP4_ADDRESS, CISCO_SPLIT_INC_*).
The probe pings and UDP-echoes hosts of the first split-include network, sends a few packets to the
discard port, checks every reply byte for byte, writes a JSON result to $PROBE_RESULT and waits
until $PROBE_RESULT.done exists (or 60 s), so the gateway's counters can be read while the tunnel is up.
"""
import json
import os
import select
import socket
import struct
import sys
import time


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ipv4(src, dst, proto, payload, ident):
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0x4000, 64, proto, 0,
                         socket.inet_aton(src), socket.inet_aton(dst))
    header = header[:10] + struct.pack("!H", checksum(header)) + header[12:]
    return header + payload


def icmp_echo(src, dst, ident, seq, data):
    msg = struct.pack("!BBHHH", 8, 0, 0, ident, seq) + data
    msg = msg[:2] + struct.pack("!H", checksum(msg)) + msg[4:]
    return ipv4(src, dst, 1, msg, seq)


def udp(src, dst, sport, dport, data, ident):
    length = 8 + len(data)
    pseudo = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, 17, length)
    seg = struct.pack("!HHHH", sport, dport, length, 0) + data
    c = checksum(pseudo + seg) or 0xFFFF
    seg = seg[:6] + struct.pack("!H", c) + seg[8:]
    return ipv4(src, dst, 17, seg, ident)


class Probe:
    def __init__(self, sock, me):
        self.sock = sock
        self.me = me
        self.sent_packets = self.sent_bytes = self.recv_packets = self.recv_bytes = 0
        self.errors = []

    def send(self, packet):
        self.sock.send(packet)
        self.sent_packets += 1
        self.sent_bytes += len(packet)

    def receive(self, timeout=5.0):
        ready, _, _ = select.select([self.sock], [], [], timeout)
        if not ready:
            return None
        packet = self.sock.recv(65536)
        self.recv_packets += 1
        self.recv_bytes += len(packet)
        return packet

    def check_headers(self, what, reply, src, proto):
        if reply is None:
            self.errors.append(what + ": no reply")
            return False
        if reply[0] != 0x45 or checksum(reply[:20]) != 0:
            self.errors.append(what + ": bad IPv4 header")
            return False
        if reply[9] != proto or socket.inet_ntoa(reply[12:16]) != src or socket.inet_ntoa(reply[16:20]) != self.me:
            self.errors.append(what + ": wrong protocol or addresses")
            return False
        return True

    def ping(self, host, seq, size):
        data = bytes((seq + i) & 0xFF for i in range(size))
        self.send(icmp_echo(self.me, host, 0x6F63, seq, data))
        reply = self.receive()
        what = "ping %s seq %d" % (host, seq)
        if not self.check_headers(what, reply, host, 1):
            return
        icmp = reply[20:]
        if checksum(icmp) != 0:
            self.errors.append(what + ": bad ICMP checksum")
        expected = struct.pack("!BBHHH", 0, 0, 0, 0x6F63, seq) + data
        if icmp[:2] + icmp[4:] != expected[:2] + expected[4:]:
            self.errors.append(what + ": reply differs from the request")

    def udp_echo(self, host, port, data):
        self.send(udp(self.me, host, 40007, port, data, 0x2000 + len(data)))
        reply = self.receive()
        what = "udp echo %s:%d" % (host, port)
        if not self.check_headers(what, reply, host, 17):
            return
        sport, dport, length, _ = struct.unpack("!HHHH", reply[20:28])
        pseudo = reply[12:20] + struct.pack("!BBH", 0, 17, length)
        if checksum(pseudo + reply[20:]) != 0:
            self.errors.append(what + ": bad UDP checksum")
        if (sport, dport) != (port, 40007) or reply[28:] != data:
            self.errors.append(what + ": reply differs from the request")


def main():
    result_path = os.environ["PROBE_RESULT"]
    me = os.environ.get("INTERNAL_IP4_ADDRESS", "")
    routes = []
    for i in range(int(os.environ.get("CISCO_SPLIT_INC", "0"))):
        routes.append("%s/%s" % (os.environ.get("CISCO_SPLIT_INC_%d_ADDR" % i), os.environ.get("CISCO_SPLIT_INC_%d_MASK" % i)))
    sock = socket.socket(fileno=int(os.environ["VPNFD"]))
    probe = Probe(sock, me)
    result = {"address": me, "netmask": os.environ.get("INTERNAL_IP4_NETMASK"), "routes": routes,
              "mtu": os.environ.get("INTERNAL_IP4_MTU")}
    try:
        if not routes:
            probe.errors.append("no split-include route")
        else:
            net = routes[0].split("/")[0].split(".")
            first = ".".join(net[:3] + [str(int(net[3]) + 1)])
            other = ".".join(net[:3] + [str(int(net[3]) + 77)])
            for seq, (host, size) in enumerate([(first, 56), (other, 56), (first, 1000), (other, 1)], start=1):
                probe.ping(host, seq, size)
            probe.udp_echo(first, 7, b"mcalab udp echo")
            probe.udp_echo(other, 7, bytes(range(256)) * 4)
            for i in range(10):
                probe.send(udp(me, first, 40009, 9, b"d" * 100, 0x3000 + i))
            result["discard_packets"] = 10
    except Exception as e:  # the result file must say what happened
        probe.errors.append("probe failed: %r" % (e,))
    result.update(sent_packets=probe.sent_packets, sent_bytes=probe.sent_bytes, received_packets=probe.recv_packets,
                  received_bytes=probe.recv_bytes, errors=probe.errors, ok=not probe.errors)
    tmp = result_path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(result, f)
    os.rename(tmp, result_path)
    deadline = time.time() + 60
    while time.time() < deadline and not os.path.exists(result_path + ".done"):
        time.sleep(0.1)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""A deliberately sloppy MCA gateway, written only to test the conformance suite (issue 12).

Nobody on the project wrote it as a reference: it is the kind of third-party MCA test server the suite must
judge truthfully. Python 3 standard library plus the `openssl` command. Its defects, on purpose:

  * accepts any key type in the user certificate (EC, Ed25519, DSA: MCA-LIM-5);
  * one constant challenge for everybody (same random every time) and no aggauth-handle in the opaque
    (MCA-FLOW-1, MCA-FLOW-5, MCA-ROB-4, MCA-PKI-4 "other session's challenge");
  * requests the TLS client certificate but never verifies it, and does not require it (MCA-LIM-1, MCA-PKI-1..3,
    MCA-LIM-5 machine);
  * no XML limits (any body size, whatever expat does with entities: MCA-ROB-1);
  * answers with a newline before `<?xml` (openconnect 9.01 accepts that);
  * serves its MCA group at `/` (not /MCA);
  * never checks the user certificate's chain, validity, revocation, EKU, CA flag, the PKCS#7 set, or whether
    hash-algorithm-chosen was offered: any well-formed auth-reply whose signature verifies over the challenge
    with one of the PKCS#7's certificates gets a session (cookie `webvpn` and `session-token`).

Its happy path is real: the signature is verified with `openssl` over the exact challenge bytes.

Usage: sloppy_gateway.py --cert gateway.chain.pem --key gateway.key [--port 0]
Prints "listening on https://127.0.0.1:PORT/" on stdout once it accepts connections; one line per decision on
stderr. Stops on SIGTERM/SIGINT or when stdin reaches EOF (so it dies with the test that started it).
"""
import argparse
import base64
import ctypes
import ctypes.util
import http.server
import os
import re
import secrets
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import xml.etree.ElementTree as ET

# The one challenge, byte for byte: a leading newline before the XML declaration, a constant random, an opaque
# without aggauth-handle. cert-authenticated is added when a TLS client certificate was presented (not checked).
CHALLENGE_HEAD = (
    "\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<config-auth client=\"vpn\" type=\"auth-request\" aggregate-auth-version=\"2\">\n"
    "<opaque is-for=\"sg\"><tunnel-group>SLOPPY-MCA</tunnel-group><auth-method>multiple-cert</auth-method></opaque>\n"
    "<multiple-client-cert-request>\n"
    "<hash-algorithm>sha256</hash-algorithm>\n"
    "<hash-algorithm>sha384</hash-algorithm>\n"
    "<hash-algorithm>sha512</hash-algorithm>\n"
    "</multiple-client-cert-request>\n"
    "<random>5A1F0C2B3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8</random>\n"
)
ED25519_OID = bytes.fromhex("06032b6570")  # DER of the algorithm identifier 1.3.101.112
DIGESTS = {"sha1", "sha224", "sha256", "sha384", "sha512", "md5"}

sessions = set()
lock = threading.Lock()
# --pending-cap N: one global count of unanswered challenges, refused when full and never aged out, so a flood of
# inits from one client locks every client out (MCA-ROB-3). Off by default; the robustness tests switch it on.
pending = {"count": 0, "cap": None}


def log(text):
    print("sloppy-gateway: " + text, file=sys.stderr, flush=True)


def challenge(cert_presented):
    return (CHALLENGE_HEAD + ("<cert-authenticated></cert-authenticated>\n" if cert_presented else "")
            + "</config-auth>\n").encode()


def error_answer(text):
    return ("\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<config-auth client=\"vpn\" type=\"auth-request\" aggregate-auth-version=\"2\">\n"
            "<auth id=\"main\"><error>" + text + "</error></auth>\n</config-auth>\n").encode()


def complete_answer(token):
    return ("\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<config-auth client=\"vpn\" type=\"complete\" aggregate-auth-version=\"2\">\n"
            "<session-token>" + token + "</session-token>\n"
            "<auth id=\"success\"><message>Welcome</message></auth>\n</config-auth>\n").encode()


def local(tag):
    return tag.rsplit("}", 1)[-1]


def children(element, name):
    return [c for c in element.iter() if local(c.tag) == name]


def openssl(args, data=None):
    return subprocess.run(["openssl"] + args, input=data, capture_output=True, timeout=20)


def certificates(pkcs7_der, work):
    """The certificates of a PKCS#7 set as PEM strings (no checks of any kind)."""
    out = openssl(["pkcs7", "-inform", "DER", "-print_certs"], pkcs7_der)
    if out.returncode != 0:
        return []
    return re.findall(r"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", out.stdout.decode(), re.S)


def verifies(cert_pem, hash_name, signature, signed, work):
    """Whether the certificate's key verifies the signature over the bytes, with openssl (key type never checked)."""
    cert_file = os.path.join(work, "cert.pem")
    sig_file = os.path.join(work, "sig.bin")
    data_file = os.path.join(work, "data.bin")
    with open(cert_file, "w") as f:
        f.write(cert_pem + "\n")
    with open(sig_file, "wb") as f:
        f.write(signature)
    with open(data_file, "wb") as f:
        f.write(signed)
    verify = ["pkeyutl", "-verify", "-certin", "-inkey", cert_file, "-rawin", "-in", data_file, "-sigfile", sig_file]
    # Ed25519 signs the message itself; RSA (PKCS#1 v1.5), ECDSA and DSA with the declared digest
    der = base64.b64decode("".join(cert_pem.splitlines()[1:-1]))
    return openssl(verify if ED25519_OID in der else verify + ["-digest", hash_name]).returncode == 0


def authenticate(doc, signed):
    """Finds a chain whose signature verifies over the constant challenge; returns None or the refusal text."""
    for chain in children(doc, "client-cert-chain"):
        cert_el = children(chain, "client-cert")
        sig_el = children(chain, "client-cert-auth-signature")
        if not cert_el or not sig_el:
            continue
        hash_name = (sig_el[0].get("hash-algorithm-chosen") or "").strip().lower()
        if hash_name not in DIGESTS:
            return "Unsupported hash algorithm"
        try:
            pkcs7 = base64.b64decode("".join((cert_el[0].text or "").split()), validate=True)
            signature = base64.b64decode("".join((sig_el[0].text or "").split()), validate=True)
        except ValueError:
            return "Bad base64"
        with tempfile.TemporaryDirectory() as work:
            for pem in certificates(pkcs7, work):
                if verifies(pem, hash_name, signature, signed, work):
                    return None
        return "Certificate signature verification failed"
    return "No certificate in the reply"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "SloppyGateway/0.1"
    timeout = 30

    def log_message(self, fmt, *args):
        pass

    def cert_presented(self):
        return self.connection.getpeercert(binary_form=True) is not None

    def answer(self, status, body, cookie=None):
        self.send_response(status)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(body)))
        if cookie:
            self.send_header("Set-Cookie", "webvpn=" + cookie + "; Secure")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.answer(404, b"")

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)  # no limit: a defect on purpose
        if self.path != "/":
            log("POST %s: 404" % self.path)
            self.answer(404, b"")
            return
        try:
            doc = ET.fromstring(body)
        except ET.ParseError as e:
            log("POST /: not XML (%s): 400" % e)
            self.answer(400, error_answer("Malformed request"))
            return
        kind = doc.get("type")
        if kind == "init":
            with lock:
                full = pending["cap"] is not None and pending["count"] >= pending["cap"]
                if not full:
                    pending["count"] += 1
            if full:
                log("init refused: %d challenges pending" % pending["count"])
                self.answer(503, error_answer("Too many pending authentications"))
                return
            log("init (TLS certificate %s): constant challenge" % ("presented" if self.cert_presented() else "absent"))
            self.answer(200, challenge(self.cert_presented()))
            return
        if kind == "auth-reply":
            # The gateway verifies against the challenge it would send on this connection.
            with lock:
                pending["count"] = max(0, pending["count"] - 1)
            refusal = authenticate(doc, challenge(self.cert_presented()))
            if refusal is not None:
                log("auth-reply refused: " + refusal)
                self.answer(200, error_answer(refusal))
                return
            token = secrets.token_hex(32).upper()
            with lock:
                sessions.add(token)
            log("auth-reply accepted: session issued")
            self.answer(200, complete_answer(token), cookie=token)
            return
        log("POST /: config-auth type %r: 400" % kind)
        self.answer(400, error_answer("Unexpected request"))

    def do_CONNECT(self):
        cookies = self.headers.get("Cookie") or ""
        token = next((c.split("=", 1)[1] for c in cookies.split("; ") if c.startswith("webvpn=")), None)
        with lock:
            known = token in sessions
        if not known:
            log("CONNECT with an unknown cookie: 401")
            self.answer(401, b"")
            return
        # No tunnel behind it: the session exists, nothing is routed.
        log("CONNECT with a session cookie: 200, then nothing")
        self.send_response(200, "CONNECTED")
        self.send_header("X-CSTP-Address", "10.99.0.2")
        self.send_header("X-CSTP-Netmask", "255.255.255.0")
        self.send_header("X-CSTP-MTU", "1400")
        self.send_header("X-CSTP-DPD", "30")
        self.send_header("X-CSTP-Keepalive", "20")
        self.end_headers()
        self.close_connection = True
        try:
            while self.rfile.read(4096):
                pass
        except OSError:
            pass


def request_client_certificate_without_checking(context):
    """Asks for a TLS client certificate and accepts whatever comes (the stdlib has no 'request, don't verify').

    The SSL_CTX behind the context gets a verify callback that always says yes. Falls back to not asking at all
    when the C layout is not the expected one; both ways the certificate is never checked.
    """
    context.verify_mode = ssl.CERT_OPTIONAL
    try:
        libssl = ctypes.CDLL(ctypes.util.find_library("ssl") or "libssl.so.3")
        ctx_pointer = ctypes.c_void_p.from_address(id(context) + 2 * ctypes.sizeof(ctypes.c_void_p)).value
        libssl.SSL_CTX_get_verify_mode.argtypes = [ctypes.c_void_p]
        libssl.SSL_CTX_get_verify_mode.restype = ctypes.c_int
        if not ctx_pointer or libssl.SSL_CTX_get_verify_mode(ctx_pointer) != 1:
            raise OSError("unexpected SSLContext layout")
        callback_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int, ctypes.c_void_p)
        callback = callback_type(lambda ok, store: 1)
        libssl.SSL_CTX_set_verify.argtypes = [ctypes.c_void_p, ctypes.c_int, callback_type]
        libssl.SSL_CTX_set_verify(ctx_pointer, 1, callback)
        context._sloppy_callback = callback  # kept alive as long as the context
        return "requested, never verified"
    except (OSError, AttributeError) as e:
        context.verify_mode = ssl.CERT_NONE
        return "not requested (%s)" % e


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--pending-cap", type=int, default=None)
    args = parser.parse_args()
    pending["cap"] = args.pending_cap

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    client_cert = request_client_certificate_without_checking(context)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    # the handshake happens in the connection's thread (first read), not in the accept loop
    server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    port = server.server_address[1]
    log("TLS client certificate: " + client_cert)

    def stop(*_):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    def watch_stdin():
        try:
            while sys.stdin.buffer.read(1024):
                pass
        except OSError:
            pass
        stop()

    threading.Thread(target=watch_stdin, daemon=True).start()
    print("listening on https://127.0.0.1:%d/" % port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
